package io.freshet.bench.workload;

import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The exact answer of the velocity rule, computed straight from its definition: a transaction
 * alerts when more than the maximum fall in the window ending at it, unless the customer's last
 * velocity alert is younger than the suppression time.
 */
public final class VelocityReference {
  private VelocityReference() {}

  /** One exact velocity alert: the customer and the event time of the transaction that fired. */
  public record ExactAlert(String customerId, long eventTime) {}

  /** The alerts over transactions given per customer in event-time order. */
  public static List<ExactAlert> alerts(
      Iterator<Transaction> transactions, FraudRulesConfig rules) {
    long window = rules.velocityWindow().toMillis();
    long suppression = rules.alertSuppression().toMillis();
    Map<String, ArrayDeque<Long>> recent = new HashMap<>();
    Map<String, Long> lastAlert = new HashMap<>();
    List<ExactAlert> alerts = new ArrayList<>();
    while (transactions.hasNext()) {
      Transaction txn = transactions.next();
      long t = txn.eventTime();
      ArrayDeque<Long> times = recent.computeIfAbsent(txn.customerId(), c -> new ArrayDeque<>());
      times.addLast(t);
      while (times.peekFirst() <= t - window) {
        times.pollFirst();
      }
      if (times.size() > rules.velocityMaxCount()) {
        Long last = lastAlert.get(txn.customerId());
        if (last == null || t - last >= suppression) {
          alerts.add(new ExactAlert(txn.customerId(), t));
          lastAlert.put(txn.customerId(), t);
        }
      }
    }
    return alerts;
  }
}
