package io.freshet.pipelines.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.fraud.CustomerSummary;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.iot.EquipmentBaseline;
import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.late.LateEvent;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type crossing a Flink network or state boundary must avoid Kryo's generic fallback. */
class TypeInformationTest {
  @ParameterizedTest
  @ValueSource(
      classes = {
        Transaction.class,
        TransactionDecision.class,
        FraudAlert.class,
        CustomerSummary.class,
        DeadLetterRecord.class,
        SensorStats5s.class,
        SensorStddev1m.class,
        SensorAnomaly.class,
        SensorAlert.class,
        EquipmentBaseline.class,
        RevenueRow.class,
        SessionRow.class,
        LateEvent.class
      })
  void isAPojo(Class<?> type) {
    assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
    assertThat(TypeInformation.of(type).toString()).doesNotContain("GenericType");
  }

  @org.junit.jupiter.api.Test
  void ingestedTransactionIsAPojo() {
    TypeInformation<Ingested<Transaction>> type =
        TypeInformation.of(new TypeHint<Ingested<Transaction>>() {});
    assertThat(type).isInstanceOf(PojoTypeInfo.class);
    assertThat(type.toString()).doesNotContain("GenericType");
    TypeInformation<Arrival<Transaction>> arrival =
        TypeInformation.of(new TypeHint<Arrival<Transaction>>() {});
    assertThat(arrival).isInstanceOf(PojoTypeInfo.class);
    assertThat(arrival.toString()).doesNotContain("GenericType");
  }
}
