package io.freshet.core.iot;

import java.io.Serializable;

/**
 * How 5 s means are scored against a device's {@link EwmaBaseline}; {@link #defaults()} holds the
 * product's documented values.
 *
 * @param halfLifeWindows after this many further windows a past 5 s mean weighs half as much in the
 *     baseline; need not be whole
 * @param warmUpWindows a baseline scores nothing until it has absorbed this many 5 s means
 * @param zThreshold a mean is anomalous when |z| is strictly greater than this
 * @param minStdDev the baseline standard deviation used when the real one is smaller, so a
 *     perfectly constant signal still yields a finite z (any change then scores very high)
 */
public record AnomalyConfig(
    double halfLifeWindows, int warmUpWindows, double zThreshold, double minStdDev)
    implements Serializable {

  public AnomalyConfig {
    if (!(halfLifeWindows > 0) || !Double.isFinite(halfLifeWindows)) {
      throw new IllegalArgumentException(
          "halfLifeWindows must be finite and > 0, was " + halfLifeWindows);
    }
    // With no warm-up an empty baseline (mean 0) would score the very first window.
    if (warmUpWindows < 1) {
      throw new IllegalArgumentException("warmUpWindows must be >= 1, was " + warmUpWindows);
    }
    if (!(zThreshold > 0) || !Double.isFinite(zThreshold)) {
      throw new IllegalArgumentException("zThreshold must be finite and > 0, was " + zThreshold);
    }
    if (!(minStdDev > 0) || !Double.isFinite(minStdDev)) {
      throw new IllegalArgumentException("minStdDev must be finite and > 0, was " + minStdDev);
    }
  }

  /** Half-life 12 windows (1 min of 5 s windows), warm-up 12 windows, |z| > 3.0, floor 1e-6. */
  public static AnomalyConfig defaults() {
    return new AnomalyConfig(12.0, 12, 3.0, 1e-6);
  }

  /**
   * The weight of the newest mean in the exponentially weighted update, {@code 1 − 2^(−1 /
   * halfLife)}; exactly 0.5 for a half-life of one window.
   */
  public double alpha() {
    return 1.0 - Math.pow(2.0, -1.0 / halfLifeWindows);
  }

  /** True when a z-score is beyond the threshold in either direction (|z| > threshold). */
  public boolean isAnomaly(double z) {
    return Math.abs(z) > zThreshold;
  }
}
