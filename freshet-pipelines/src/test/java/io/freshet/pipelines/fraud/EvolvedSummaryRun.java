package io.freshet.pipelines.fraud;

import io.freshet.core.fraud.CustomerSummary;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.geo.GeoPoint;
import io.freshet.pipelines.common.Arrival;
import io.freshet.pipelines.common.PipelineId;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The second half of {@link CustomerSummaryEvolutionTest}, loaded by whichever class loader is to
 * run it: restores the fraud function from a snapshot, judges the scenario's second half and
 * returns what it emitted, plus the summary components its class loader sees.
 *
 * <p>Arguments: {@code {OperatorSubtaskState snapshot, String backend}}.
 */
public final class EvolvedSummaryRun implements Function<Object[], List<String>> {
  static final Instant NOON = Instant.parse("2026-11-26T12:00:00.000Z");
  static final GeoPoint HOME = new GeoPoint(51.5074, -0.1278);
  static final GeoPoint FAR = new GeoPoint(40.7128, -74.0060);
  static final String[] CUSTOMERS = {"ann", "ben", "cat"};

  @Override
  public List<String> apply(Object[] args) {
    try {
      Harness h = Harness.open((String) args[1], getClass().getClassLoader());
      h.harness.initializeState((OperatorSubtaskState) args[0]);
      h.harness.open();
      h.send(secondHalf());
      List<String> out = new ArrayList<>(h.outputs());
      out.add("summary components: " + componentNames());
      h.harness.close();
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String componentNames() {
    return Arrays.stream(CustomerSummary.class.getRecordComponents())
        .map(RecordComponent::getName)
        .toList()
        .toString();
  }

  /**
   * Ten hourly transactions of 100.00 per customer and a six-transaction burst (one velocity alert
   * each); ann's burst ends far from home.
   */
  static List<Transaction> firstHalf() {
    List<Transaction> txns = new ArrayList<>();
    for (String c : CUSTOMERS) {
      for (int i = 0; i < 10; i++) {
        txns.add(txn(c, i, NOON.plus(Duration.ofHours(i)), 100.0, HOME));
      }
      Instant burst = NOON.plus(Duration.ofHours(10));
      for (int i = 0; i < 6; i++) {
        txns.add(txn(c, 10 + i, burst.plusSeconds(10L * i), 100.0, HOME));
      }
    }
    return txns;
  }

  /**
   * After the restore: ann spends ten times her mean far away, 50 s after her burst (velocity from
   * the restored recent buffer with its alert suppressed by the restored alert time, travel from
   * the restored location, amount anomaly against the restored ledger); ben repeats an event id of
   * the first half (skipped: restored fingerprints); cat's late transaction predates the recent
   * buffer and goes into the ledger's chain; ann returns after 31 idle days to an empty window.
   */
  static List<Transaction> secondHalf() {
    Instant later = NOON.plus(Duration.ofHours(10)).plusSeconds(100);
    List<Transaction> txns = new ArrayList<>();
    txns.add(txn("ann", 20, later, 1_000.0, FAR));
    txns.add(txn("ben", 15, NOON.plus(Duration.ofHours(10)).plusSeconds(50), 100.0, HOME));
    txns.add(txn("ben", 21, later, 100.0, HOME));
    txns.add(txn("cat", 22, NOON.plus(Duration.ofHours(3)).plusSeconds(30), 100.0, HOME));
    txns.add(txn("cat", 23, later.plus(Duration.ofHours(3)), 450.0, HOME));
    txns.add(txn("ann", 24, later.plus(Duration.ofDays(31)), 100.0, HOME));
    return txns;
  }

  static Transaction txn(String customer, int seq, Instant at, double amount, GeoPoint where) {
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
        where,
        "dev",
        "10.0.0.1",
        "online");
  }

  /** The fraud function in a keyed harness on one backend and user-code class loader. */
  static final class Harness {
    final KeyedOneInputStreamOperatorTestHarness<String, Arrival<Transaction>, TransactionDecision>
        harness;

    private Harness(
        KeyedOneInputStreamOperatorTestHarness<String, Arrival<Transaction>, TransactionDecision>
            harness) {
      this.harness = harness;
    }

    static Harness open(String backend, ClassLoader userCode) throws Exception {
      MockEnvironment env = new MockEnvironmentBuilder().setUserCodeClassLoader(userCode).build();
      var harness =
          new KeyedOneInputStreamOperatorTestHarness<
              String, Arrival<Transaction>, TransactionDecision>(
              new KeyedProcessOperator<>(
                  new FraudDetectionFunction(FraudRulesConfig.defaults(), PipelineId.of("test"))),
              (Arrival<Transaction> a) -> a.event().customerId(),
              Types.STRING,
              env);
      harness.setStateBackend(
          "rocksdb".equals(backend)
              ? new EmbeddedRocksDBStateBackend(true)
              : new HashMapStateBackend());
      harness.setProcessingTime(NOON.plus(Duration.ofDays(60)).toEpochMilli());
      return new Harness(harness);
    }

    void send(List<Transaction> txns) throws Exception {
      for (Transaction t : txns) {
        harness.processElement(new StreamRecord<>(new Arrival<>(t, t.eventTime()), t.eventTime()));
      }
    }

    /** Decisions (id, verdict, rules) and alert ids emitted since the last call. */
    List<String> outputs() {
      List<String> out = new ArrayList<>();
      for (TransactionDecision d : harness.extractOutputValues()) {
        out.add(d.transactionId() + " " + d.decision() + " " + d.rulesFiredList());
      }
      var alerts = harness.getSideOutput(FraudDetectionFunction.ALERTS);
      if (alerts != null) {
        for (StreamRecord<FraudAlert> a : alerts) {
          out.add("alert " + a.getValue().alertId());
        }
      }
      harness.getOutput().clear();
      if (alerts != null) {
        alerts.clear();
      }
      return out;
    }
  }
}
