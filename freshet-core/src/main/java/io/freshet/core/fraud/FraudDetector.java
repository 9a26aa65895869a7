package io.freshet.core.fraud;

import io.freshet.core.geo.GeoPoint;
import io.freshet.core.geo.Haversine;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the fraud rules exactly, per event, on a transaction against its customer's history.
 *
 * <p>Unlike a sliding-window count, every transaction is judged on the precise interval ending at
 * its own event time, so bursts are caught on the transaction that completes them.
 */
public final class FraudDetector {
  private static final double MILLIS_PER_MINUTE = 60_000.0;

  private final FraudRulesConfig config;
  private final long velocityWindow;
  private final long travelWindow;
  private final long amountLookback;
  private final long suppression;
  private final long duplicateWindow;

  public FraudDetector(FraudRulesConfig config) {
    this.config = config;
    this.velocityWindow = config.velocityWindow().toMillis();
    this.travelWindow = config.travelWindow().toMillis();
    this.amountLookback = config.amountLookback().toMillis();
    this.suppression = config.alertSuppression().toMillis();
    this.duplicateWindow = config.duplicateWindow().toMillis();
  }

  public FraudRulesConfig config() {
    return config;
  }

  /**
   * Judges {@code txn} against {@code history}.
   *
   * @param history the customer's history before this transaction, null for a new customer
   * @param now processing time in epoch millis, stamped on the decision and alerts
   */
  public Evaluation evaluate(CustomerHistory history, Transaction txn, long now) {
    CustomerHistory before = history == null ? CustomerHistory.empty() : history;
    if (before.hasSeen(txn.eventId())) {
      return Evaluation.duplicate(before);
    }
    List<RuleHit> hits = new ArrayList<>(FraudRule.values().length);
    velocity(before, txn, hits);
    impossibleTravel(before, txn, hits);
    amountAnomaly(before, txn, hits);

    RuleHit[] fired = hits.toArray(new RuleHit[0]);
    TransactionDecision decision =
        new TransactionDecision(
            txn.transactionId(),
            txn.eventId(),
            txn.customerId(),
            Verdict.forRulesFired(fired.length),
            fired,
            txn.eventTime(),
            now);

    CustomerHistory after = before.append(txn, amountLookback, duplicateWindow);
    List<FraudAlert> alerts = new ArrayList<>(hits.size());
    for (RuleHit hit : hits) {
      long last = after.lastAlertTime(hit.rule());
      boolean suppressed = last != CustomerHistory.NEVER && txn.eventTime() - last < suppression;
      if (!suppressed) {
        alerts.add(FraudAlert.of(hit, txn, now));
        after = after.withAlert(hit.rule(), txn.eventTime());
      }
    }
    return new Evaluation(after, false, decision, List.copyOf(alerts));
  }

  /** Event time at which a customer whose history is {@code history} has been idle long enough. */
  public long expiryTime(CustomerHistory history) {
    return history.maxEventTime() + config.idleTimeout().toMillis();
  }

  private void velocity(CustomerHistory h, Transaction txn, List<RuleHit> hits) {
    long t = txn.eventTime();
    long from = t - velocityWindow;
    int count = 1;
    for (long time : h.eventTimes()) {
      if (time > from && time <= t) {
        count++;
      }
    }
    if (count > config.velocityMaxCount()) {
      hits.add(new RuleHit(FraudRule.VELOCITY, AlertDetails.velocity(count)));
    }
  }

  private void impossibleTravel(CustomerHistory h, Transaction txn, List<RuleHit> hits) {
    GeoPoint here = txn.location();
    GeoPoint there = h.previousLocation();
    if (!h.hasPrevious() || here == null || there == null) {
      return;
    }
    long elapsed = txn.eventTime() - h.previousEventTime();
    if (elapsed < 0 || elapsed > travelWindow) {
      return;
    }
    double km = Haversine.distanceKm(there, here);
    if (km > config.travelMaxKm()) {
      hits.add(
          new RuleHit(
              FraudRule.IMPOSSIBLE_TRAVEL, AlertDetails.travel(km, elapsed / MILLIS_PER_MINUTE)));
    }
  }

  private void amountAnomaly(CustomerHistory h, Transaction txn, List<RuleHit> hits) {
    long t = txn.eventTime();
    long from = t - amountLookback;
    long[] times = h.eventTimes();
    double[] amounts = h.amounts();
    int priors = 0;
    double sum = 0;
    for (int i = 0; i < times.length; i++) {
      if (times[i] >= from && times[i] < t) {
        priors++;
        sum += amounts[i];
      }
    }
    if (priors < config.amountMinPriors()) {
      return;
    }
    double mean = sum / priors;
    if (txn.amount() > config.amountMultiplier() * mean) {
      hits.add(new RuleHit(FraudRule.AMOUNT_ANOMALY, AlertDetails.amount(txn.amount(), mean)));
    }
  }

  /**
   * The outcome of judging one transaction.
   *
   * @param history the customer's history to store afterwards
   * @param duplicate true when the event id was already processed: no decision, no alerts
   * @param decision the decision, null for a duplicate
   * @param alerts alerts to emit after per-rule suppression
   */
  public record Evaluation(
      CustomerHistory history,
      boolean duplicate,
      TransactionDecision decision,
      List<FraudAlert> alerts) {

    static Evaluation duplicate(CustomerHistory unchanged) {
      return new Evaluation(unchanged, true, null, List.of());
    }
  }
}
