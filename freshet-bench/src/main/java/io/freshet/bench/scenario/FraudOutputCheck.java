package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.CommittedReader;
import io.freshet.bench.workload.ExpectedFraudOutput;
import io.freshet.bench.workload.TransactionWorkload;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudAlertCodec;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.TransactionDecisionCodec;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a fraud run's committed output after the clock stopped and checks it is exactly what the
 * rules say: one decision per transaction, none twice, alerts per rule as replayed, no dead
 * letters.
 */
final class FraudOutputCheck {
  private FraudOutputCheck() {}

  /** What was read, for the result's figures. */
  record Checked(long decisions, Map<FraudRule, Long> alerts, List<FraudAlert> velocityAlerts) {}

  static Checked verify(BenchKafka kafka, FraudWiring wiring, TransactionWorkload workload) {
    BitSet seen = new BitSet();
    long[] decisions = {0};
    long[] duplicates = {0};
    try (CommittedReader reader = new CommittedReader(kafka, List.of(wiring.decisions.name()))) {
      reader.readAllCommitted(
          (record, at) -> {
            long seq =
                TransactionWorkload.sequenceOf(
                    new TransactionDecisionCodec().decode(record.value()).transactionId());
            if (seen.get((int) seq)) {
              duplicates[0]++;
            }
            seen.set((int) seq);
            decisions[0]++;
          });
    }
    Map<FraudRule, Long> alerts = new EnumMap<>(FraudRule.class);
    List<FraudAlert> velocity = new java.util.ArrayList<>();
    try (CommittedReader reader = new CommittedReader(kafka, List.of(wiring.alerts.name()))) {
      reader.readAllCommitted(
          (record, at) -> {
            FraudAlert alert = new FraudAlertCodec().decode(record.value());
            alerts.merge(alert.rule(), 1L, Long::sum);
            if (alert.rule() == FraudRule.VELOCITY) {
              velocity.add(alert);
            }
          });
    }
    long[] deadLetters = {0};
    try (CommittedReader reader = new CommittedReader(kafka, List.of(wiring.deadLetters))) {
      reader.readAllCommitted((record, at) -> deadLetters[0]++);
    }
    ExpectedFraudOutput expected =
        ExpectedFraudOutput.replay(workload.transactions(), FraudRulesConfig.defaults());
    IncompleteResultsException.requireEqual("decisions delivered twice", 0, duplicates[0]);
    IncompleteResultsException.requireEqual("decisions", expected.decisions(), decisions[0]);
    IncompleteResultsException.requireEqual("dead letters", 0, deadLetters[0]);
    for (FraudRule rule : FraudRule.values()) {
      IncompleteResultsException.requireEqual(
          rule + " alerts",
          expected.alerts().getOrDefault(rule, 0L),
          alerts.getOrDefault(rule, 0L));
    }
    return new Checked(decisions[0], alerts, velocity);
  }
}
