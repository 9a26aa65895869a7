package io.freshet.core.fraud;

import io.freshet.core.geo.GeoPoint;
import io.freshet.core.geo.Haversine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the fraud rules exactly, per event, on a transaction against its customer's history.
 *
 * <p>Unlike a sliding-window count, every transaction is judged on the precise interval ending at
 * its own event time, so bursts are caught on the transaction that completes them. The work per
 * transaction does not grow with the customer's history: see {@link CustomerState}.
 */
public final class FraudDetector {
  /** Marks a rule that has never alerted, or a customer without a previous transaction. */
  public static final long NEVER = Long.MIN_VALUE;

  /**
   * How much later than the velocity window a transaction may arrive and still be judged from the
   * summary alone; later ones walk the ledger. Well above the pipelines' 10 s out-of-orderness.
   */
  static final long LATE_SLACK_MILLIS = 60_000L;

  private static final double MILLIS_PER_MINUTE = 60_000.0;

  private final FraudRulesConfig config;
  private final long velocityWindow;
  private final long travelWindow;
  private final long amountLookback;
  private final long suppression;
  private final long duplicateWindow;
  private final long recentHorizon;
  private final long multiplierLong;
  private final BigDecimal multiplierExact;

  public FraudDetector(FraudRulesConfig config) {
    this.config = config;
    this.velocityWindow = config.velocityWindow().toMillis();
    this.travelWindow = config.travelWindow().toMillis();
    this.amountLookback = config.amountLookback().toMillis();
    this.suppression = config.alertSuppression().toMillis();
    this.duplicateWindow = config.duplicateWindow().toMillis();
    this.recentHorizon = Math.min(velocityWindow + LATE_SLACK_MILLIS, amountLookback / 2);
    double multiplier = config.amountMultiplier();
    this.multiplierLong =
        multiplier == Math.rint(multiplier) && multiplier < 1 << 30 ? (long) multiplier : -1;
    this.multiplierExact = new BigDecimal(multiplier);
  }

  /** The summary of a customer never seen before. */
  public static CustomerSummary emptySummary() {
    return CustomerState.empty();
  }

  /** True when {@code eventId} was processed for the customer within the duplicate window. */
  public static boolean hasSeen(CustomerSummary summary, String eventId) {
    return CustomerState.hasSeen(summary, EventIds.fingerprint(eventId));
  }

  public FraudRulesConfig config() {
    return config;
  }

  /**
   * Judges {@code txn} against its customer's {@code summary} and {@code ledger}, and updates the
   * ledger; the returned evaluation holds the summary to store.
   *
   * <p>The rules only read; the ledger changes after the decision is made, so a failure while
   * judging leaves the customer's state as it was.
   *
   * @param summary the customer's summary before this transaction, null for a new customer
   * @param ledger the customer's 30-day entries, empty for a new customer
   * @param now processing time in epoch millis, stamped on the decision and alerts
   */
  public Evaluation evaluate(
      CustomerSummary summary, AmountLedger ledger, Transaction txn, long now) {
    return evaluate(summary, ledger, txn, now, Long.MIN_VALUE);
  }

  /**
   * As {@link #evaluate(CustomerSummary, AmountLedger, Transaction, long)}, and keeps the customer
   * until it has been idle for the idle timeout in event time both after its newest transaction and
   * after {@code watermark}, the event time at which this one arrived: a late transaction is still
   * activity, so its state is not dropped before the rules can use it.
   *
   * @param watermark the operator's current watermark, Long.MIN_VALUE before the first
   */
  public Evaluation evaluate(
      CustomerSummary summary, AmountLedger ledger, Transaction txn, long now, long watermark) {
    CustomerSummary before = summary == null ? CustomerState.empty() : summary;
    long fingerprint = EventIds.fingerprint(txn.eventId());
    if (CustomerState.hasSeen(before, fingerprint)) {
      return Evaluation.duplicate(before);
    }
    long micros = Amounts.toMicros(txn.amount());
    CustomerState state = new CustomerState(before, ledger, recentHorizon);
    state.planEviction(Math.max(before.maxEventTime(), txn.eventTime()) - amountLookback);
    List<RuleHit> hits = new ArrayList<>(FraudRule.values().length);
    velocity(state, txn, hits);
    impossibleTravel(state, txn, hits);
    amountAnomaly(state, txn, micros, hits);

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

    state.apply(txn, micros, fingerprint, duplicateWindow);
    List<FraudAlert> alerts = new ArrayList<>(hits.size());
    for (RuleHit hit : hits) {
      long last = state.lastAlertTime(hit.rule());
      boolean suppressed = last != NEVER && txn.eventTime() - last < suppression;
      if (!suppressed) {
        alerts.add(FraudAlert.of(hit, txn, now));
        state.recordAlert(hit.rule(), txn.eventTime());
      }
    }
    long idle = config.idleTimeout().toMillis();
    state.retainUntil(Math.max(state.maxEventTime() + idle, saturatedAdd(watermark, idle)));
    return new Evaluation(state.toSummary(), false, decision, List.copyOf(alerts));
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    // Before the first watermark it is Long.MIN_VALUE; adding must not wrap around.
    return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
  }

  private void velocity(CustomerState s, Transaction txn, List<RuleHit> hits) {
    long t = txn.eventTime();
    int count = 1 + s.countIn(t - velocityWindow, t);
    if (count > config.velocityMaxCount()) {
      hits.add(new RuleHit(FraudRule.VELOCITY, AlertDetails.velocity(count)));
    }
  }

  private void impossibleTravel(CustomerState h, Transaction txn, List<RuleHit> hits) {
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
              FraudRule.IMPOSSIBLE_TRAVEL,
              AlertDetails.travel(km, elapsed / MILLIS_PER_MINUTE, there, here)));
    }
  }

  /**
   * Fires when at least the minimum of priors lie in the lookback and {@code amount > multiplier ×
   * mean}, decided exactly on micro-units as {@code amount × priors > multiplier × sum}.
   */
  private void amountAnomaly(CustomerState s, Transaction txn, long micros, List<RuleHit> hits) {
    long[] countAndSum = s.countAndSumBefore(txn.eventTime());
    long priors = countAndSum[0];
    long sum = countAndSum[1];
    if (priors < config.amountMinPriors()) {
      return;
    }
    if (exceedsMultipleOfMean(micros, priors, sum)) {
      double mean = Amounts.fromMicros((double) sum / priors);
      hits.add(new RuleHit(FraudRule.AMOUNT_ANOMALY, AlertDetails.amount(txn.amount(), mean)));
    }
  }

  private boolean exceedsMultipleOfMean(long micros, long priors, long sum) {
    if (multiplierLong >= 0) {
      long left = micros * priors;
      long right = multiplierLong * sum;
      if (Math.multiplyHigh(micros, priors) == (left >> 63)
          && Math.multiplyHigh(multiplierLong, sum) == (right >> 63)) {
        return left > right;
      }
    }
    BigDecimal left = BigDecimal.valueOf(micros).multiply(BigDecimal.valueOf(priors));
    return left.compareTo(multiplierExact.multiply(BigDecimal.valueOf(sum))) > 0;
  }

  /**
   * The outcome of judging one transaction.
   *
   * @param summary the customer's summary to store afterwards
   * @param duplicate true when the event id was already processed: no decision, no alerts
   * @param decision the decision, null for a duplicate
   * @param alerts alerts to emit after per-rule suppression
   */
  public record Evaluation(
      CustomerSummary summary,
      boolean duplicate,
      TransactionDecision decision,
      List<FraudAlert> alerts) {

    static Evaluation duplicate(CustomerSummary unchanged) {
      return new Evaluation(unchanged, true, null, List.of());
    }
  }
}
