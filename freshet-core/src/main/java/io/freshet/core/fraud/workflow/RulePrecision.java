package io.freshet.core.fraud.workflow;

import java.util.OptionalDouble;

/**
 * How one rule's alerts were resolved: the feedback loop for tuning it.
 *
 * @param alerts alerts raised
 * @param resolved of which resolved
 * @param trueFraud of which resolved as true fraud
 */
public record RulePrecision(long alerts, long resolved, long trueFraud) {
  /** No alert yet. */
  public static final RulePrecision NONE = new RulePrecision(0, 0, 0);

  /** The contribution of one case. */
  static RulePrecision of(AlertCase c) {
    boolean resolved = c.status() == AlertStatus.RESOLVED;
    return new RulePrecision(
        1, resolved ? 1 : 0, resolved && c.resolution() == Resolution.TRUE_FRAUD ? 1 : 0);
  }

  RulePrecision plus(RulePrecision other) {
    return new RulePrecision(
        alerts + other.alerts, resolved + other.resolved, trueFraud + other.trueFraud);
  }

  /** Resolved as false positive. */
  public long falsePositives() {
    return resolved - trueFraud;
  }

  /** True-fraud resolutions over resolutions; empty until one is resolved. */
  public OptionalDouble precision() {
    return resolved == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) trueFraud / resolved);
  }
}
