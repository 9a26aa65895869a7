package io.freshet.bench.workload;

import io.freshet.core.fraud.CustomerHistory;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudDetector;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.Transaction;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What the fraud pipeline must output for a workload, replayed in plain Java with the same rules
 * outside Flink: so a benchmark can tell a complete, exactly-once run from one that lost or
 * repeated work.
 *
 * @param decisions one per distinct transaction
 * @param alerts alerts after suppression, by rule
 */
public record ExpectedFraudOutput(long decisions, Map<FraudRule, Long> alerts) {

  public long totalAlerts() {
    return alerts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Replays {@code transactions} (per customer in event-time order) through the rules. */
  public static ExpectedFraudOutput replay(
      Iterator<Transaction> transactions, FraudRulesConfig rules) {
    FraudDetector detector = new FraudDetector(rules);
    Map<String, CustomerHistory> histories = new HashMap<>();
    Map<FraudRule, Long> alerts = new EnumMap<>(FraudRule.class);
    long decisions = 0;
    while (transactions.hasNext()) {
      Transaction txn = transactions.next();
      FraudDetector.Evaluation evaluation =
          detector.evaluate(histories.get(txn.customerId()), txn, 0L);
      if (evaluation.duplicate()) {
        continue;
      }
      histories.put(txn.customerId(), evaluation.history());
      decisions++;
      for (FraudAlert alert : evaluation.alerts()) {
        alerts.merge(alert.rule(), 1L, Long::sum);
      }
    }
    return new ExpectedFraudOutput(decisions, alerts);
  }
}
