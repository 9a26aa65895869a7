package io.freshet.core.fraud;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of the fraud rules; {@link #defaults()} holds the product's documented values.
 *
 * @param velocityWindow the velocity rule counts transactions in (t - window, t]
 * @param velocityMaxCount the velocity rule fires when that count is greater than this
 * @param travelWindow impossible travel compares with a previous transaction at most this old
 * @param travelMaxKm impossible travel fires above this distance
 * @param amountLookback the amount rule compares with transactions in [t - lookback, t)
 * @param amountMinPriors the amount rule needs at least this many of them
 * @param amountMultiplier the amount rule fires when amount is strictly greater than this times
 *     their mean
 * @param alertSuppression an alert is suppressed when the same rule alerted for the customer less
 *     than this long before, in event time
 * @param duplicateWindow an event_id seen within this much event time is a duplicate delivery
 * @param idleTimeout a customer without transactions for this much event time is forgotten
 */
public record FraudRulesConfig(
    Duration velocityWindow,
    int velocityMaxCount,
    Duration travelWindow,
    double travelMaxKm,
    Duration amountLookback,
    int amountMinPriors,
    double amountMultiplier,
    Duration alertSuppression,
    Duration duplicateWindow,
    Duration idleTimeout)
    implements java.io.Serializable {

  public FraudRulesConfig {
    requirePositive(velocityWindow, "velocityWindow");
    requirePositive(travelWindow, "travelWindow");
    requirePositive(amountLookback, "amountLookback");
    requirePositive(alertSuppression, "alertSuppression");
    requirePositive(duplicateWindow, "duplicateWindow");
    requirePositive(idleTimeout, "idleTimeout");
    if (velocityMaxCount < 1) {
      throw new IllegalArgumentException("velocityMaxCount must be >= 1, was " + velocityMaxCount);
    }
    if (!(travelMaxKm > 0)) {
      throw new IllegalArgumentException("travelMaxKm must be > 0, was " + travelMaxKm);
    }
    if (amountMinPriors < 1) {
      throw new IllegalArgumentException("amountMinPriors must be >= 1, was " + amountMinPriors);
    }
    if (!(amountMultiplier > 0)) {
      throw new IllegalArgumentException("amountMultiplier must be > 0, was " + amountMultiplier);
    }
    if (idleTimeout.compareTo(amountLookback) < 0 || idleTimeout.compareTo(duplicateWindow) < 0) {
      throw new IllegalArgumentException(
          "idleTimeout must cover amountLookback and duplicateWindow, was " + idleTimeout);
    }
  }

  /** The documented defaults: 120 s / 5, 3600 s / 500 km, 30 days / 5 priors / 3.0, 300 s. */
  public static FraudRulesConfig defaults() {
    return new FraudRulesConfig(
        Duration.ofSeconds(120),
        5,
        Duration.ofSeconds(3600),
        500.0,
        Duration.ofDays(30),
        5,
        3.0,
        Duration.ofSeconds(300),
        Duration.ofHours(24),
        Duration.ofDays(30));
  }

  /** The same thresholds with the velocity rule firing above {@code count} transactions. */
  public FraudRulesConfig withVelocityMaxCount(int count) {
    return new FraudRulesConfig(
        velocityWindow,
        count,
        travelWindow,
        travelMaxKm,
        amountLookback,
        amountMinPriors,
        amountMultiplier,
        alertSuppression,
        duplicateWindow,
        idleTimeout);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
