package io.freshet.pipelines.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.Verdict;
import io.freshet.core.geo.GeoPoint;
import io.freshet.pipelines.common.Arrival;
import io.freshet.pipelines.common.PipelineId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FraudDetectionFunctionTest {
  static final Instant NOON = Instant.parse("2026-11-26T12:00:00.000Z");
  static final GeoPoint LONDON = new GeoPoint(51.5074, -0.1278);
  static final long THIRTY_DAYS = Duration.ofDays(30).toMillis();

  KeyedOneInputStreamOperatorTestHarness<String, Arrival<Transaction>, TransactionDecision> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new FraudDetectionFunction(FraudRulesConfig.defaults(), PipelineId.of("test")),
            (Arrival<Transaction> a) -> a.event().customerId(),
            Types.STRING);
    harness.setProcessingTime(NOON.plusSeconds(3600).toEpochMilli());
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  static Transaction txn(String customer, int seq, Instant at, double amount) {
    return new Transaction(
        customer + "-evt-" + seq,
        at.toEpochMilli(),
        customer + "-tx-" + seq,
        customer,
        amount,
        "EUR",
        "m",
        "grocery",
        "4242",
        LONDON,
        "dev",
        "10.0.0.1",
        "online");
  }

  void send(Transaction t) throws Exception {
    harness.processElement(new Arrival<>(t, t.eventTime()), t.eventTime());
  }

  List<FraudAlert> alerts() {
    var side = harness.getSideOutput(FraudDetectionFunction.ALERTS);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void decidesEveryTransactionAndAlertsOnTheSixthOfABurst() throws Exception {
    // Given six transactions of one customer within 100 s
    for (int i = 1; i <= 6; i++) {
      send(txn("alice", i, NOON.plusSeconds(i * 10L), 20));
    }
    // Then six decisions, the last one REVIEW, and one VELOCITY alert
    List<TransactionDecision> decisions = harness.extractOutputValues();
    assertThat(decisions)
        .extracting(TransactionDecision::decision)
        .containsExactly(
            Verdict.APPROVE,
            Verdict.APPROVE,
            Verdict.APPROVE,
            Verdict.APPROVE,
            Verdict.APPROVE,
            Verdict.REVIEW);
    assertThat(alerts()).extracting(FraudAlert::alertId).containsExactly("VELOCITY:alice-tx-6");
    assertThat(decisions.get(5).decidedAt()).isEqualTo(NOON.plusSeconds(3600).toEpochMilli());
  }

  @Test
  void duplicateDeliveryIsSkipped() throws Exception {
    Transaction t = txn("bob", 1, NOON, 20);
    send(t);
    send(t);
    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void customersAreIndependent() throws Exception {
    for (int i = 1; i <= 3; i++) {
      send(txn("alice", i, NOON.plusSeconds(i), 20));
      send(txn("bob", i, NOON.plusSeconds(i), 20));
    }
    assertThat(alerts()).isEmpty();
    // (a summary each; their transactions are all still in its recent buffer)
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
  }

  @Test
  void idleCustomerStateAndTimerAreGoneAfterThirtyDays() throws Exception {
    // Given two customers, alice with nine transactions 30 hours apart, the last ten days later
    send(txn("alice", 1, NOON, 20));
    send(txn("bob", 1, NOON, 20));
    for (int i = 1; i <= 8; i++) {
      send(txn("alice", 1 + i, NOON.plus(Duration.ofHours(30L * i)), 20));
    }
    // Then one cleanup timer per customer (alice's re-arms when it fires before her new idle time)
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);
    // (a summary per customer, and alice's ledger: her first eight transactions left the
    // summary's recent buffer as one chunk when the ninth arrived)
    assertThat(harness.numKeyedStateEntries()).isEqualTo(3);

    // When event time passes bob's expiry but not alice's
    harness.processWatermark(NOON.toEpochMilli() + THIRTY_DAYS);
    // Then bob is forgotten
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    // When it passes alice's too
    harness.processWatermark(NOON.plus(Duration.ofDays(10)).toEpochMilli() + THIRTY_DAYS);
    // Then no state and no timers are left
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void theEndOfInputFiresTheCleanupTimersWithoutClearingState() throws Exception {
    // Given two customers with state and a cleanup timer each
    send(txn("alice", 1, NOON, 20));
    send(txn("bob", 1, NOON, 20));
    int decided = harness.extractOutputValues().size();
    int entries = harness.numKeyedStateEntries();

    // When the input ends (Flink's final watermark)
    harness.processWatermark(Long.MAX_VALUE);

    // Then the timers are gone, nothing was emitted and no state was touched: the job is ending
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.extractOutputValues()).hasSize(decided);
    assertThat(alerts()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isEqualTo(entries).isPositive();
  }

  @Test
  void onRocksDbTheLedgerIsClearedWithTheRestOfTheState() throws Exception {
    // Given a customer whose month of transactions went into the ledger, on RocksDB
    var rocks =
        new KeyedOneInputStreamOperatorTestHarness<
            String, Arrival<Transaction>, TransactionDecision>(
            new KeyedProcessOperator<>(
                new FraudDetectionFunction(FraudRulesConfig.defaults(), PipelineId.of("test"))),
            (Arrival<Transaction> a) -> a.event().customerId(),
            Types.STRING);
    rocks.setStateBackend(new EmbeddedRocksDBStateBackend());
    rocks.open();
    try {
      for (int i = 0; i < 20; i++) {
        Transaction t = txn("fay", i, NOON.plus(Duration.ofHours(36L * i)), 20);
        rocks.processElement(new Arrival<>(t, t.eventTime()), t.eventTime());
      }
      KeyedStateBackend<String> backend =
          ((AbstractStreamOperator<?>) rocks.getOperator()).getKeyedStateBackend();
      for (String state :
          List.of(FraudDetectionFunction.SUMMARY_STATE, FraudDetectionFunction.LEDGER_STATE)) {
        assertThat(backend.getKeys(state, VoidNamespace.INSTANCE)).as(state).containsExactly("fay");
      }
      // When she has been idle for 30 days
      rocks.processWatermark(NOON.plus(Duration.ofHours(36L * 19)).toEpochMilli() + THIRTY_DAYS);
      // Then nothing of her is left
      for (String state :
          List.of(FraudDetectionFunction.SUMMARY_STATE, FraudDetectionFunction.LEDGER_STATE)) {
        assertThat(backend.getKeys(state, VoidNamespace.INSTANCE)).as(state).isEmpty();
      }
      assertThat(rocks.numEventTimeTimers()).isZero();
      assertThat(rocks.extractOutputValues()).hasSize(20);
    } finally {
      rocks.close();
    }
  }

  @Test
  void oneMillisecondBeforeExpiryStateIsKept() throws Exception {
    send(txn("carol", 1, NOON, 20));
    harness.processWatermark(NOON.toEpochMilli() + THIRTY_DAYS - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void aForgottenCustomerStartsAfresh() throws Exception {
    // Given five priors, then 31 idle days
    for (int i = 1; i <= 5; i++) {
      send(txn("dave", i, NOON.plusSeconds(i * 1000L), 100));
    }
    harness.processWatermark(NOON.plus(Duration.ofDays(31)).toEpochMilli());
    // When a large amount arrives, there are no priors to compare with
    send(txn("dave", 6, NOON.plus(Duration.ofDays(31)).plusSeconds(1), 10_000));
    assertThat(alerts()).isEmpty();
  }

  @Test
  void lateArrivingOldTransactionIsNotForgottenAtOnce() throws Exception {
    // Given event time is already 40 days past NOON
    Instant later = NOON.plus(Duration.ofDays(40));
    harness.processWatermark(later.toEpochMilli());
    // When a transaction from NOON arrives late
    send(txn("erin", 1, NOON, 20));
    harness.processWatermark(later.toEpochMilli() + 1);
    // Then its history stays for the idle timeout counted from its arrival
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    harness.processWatermark(later.toEpochMilli() + THIRTY_DAYS);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
