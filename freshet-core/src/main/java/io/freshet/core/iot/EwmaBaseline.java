package io.freshet.core.iot;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The expected 5 s mean of one device's sensor: an exponentially weighted mean and variance of its
 * previous 5 s means, against which the next mean is scored.
 *
 * <p>Immutable. The update is the incremental form of the exponentially weighted moving variance
 * (West 1979; Finch 2009): with {@code α = config.alpha()} and {@code d = x − mean},
 *
 * <pre>
 *   mean' = mean + α·d
 *   var'  = (1 − α)·(var + α·d²)
 * </pre>
 *
 * <p>The first mean starts the baseline at (x, 0). Every mean is absorbed, anomalous or not, so a
 * lasting change of level becomes the new normal after a few half-lives instead of alerting
 * forever.
 *
 * @param config the half-life, warm-up and floor; re-apply the current one with {@link #withConfig}
 *     after restoring a baseline from a checkpoint taken under another configuration
 * @param mean the exponentially weighted mean of the absorbed 5 s means
 * @param variance their exponentially weighted variance, never negative
 * @param windows how many 5 s means were absorbed; a seeded baseline starts at the warm-up
 */
public record EwmaBaseline(AnomalyConfig config, double mean, double variance, long windows) {

  public EwmaBaseline {
    Objects.requireNonNull(config, "config");
    if (!Double.isFinite(mean)) {
      throw new IllegalArgumentException("mean must be finite, was " + mean);
    }
    if (!(variance >= 0) || !Double.isFinite(variance)) {
      throw new IllegalArgumentException("variance must be finite and >= 0, was " + variance);
    }
    if (windows < 0) {
      throw new IllegalArgumentException("windows must be >= 0, was " + windows);
    }
  }

  /** The baseline of a device with no history: it scores nothing until warmed up. */
  public static EwmaBaseline empty(AnomalyConfig config) {
    return new EwmaBaseline(config, 0.0, 0.0, 0);
  }

  /**
   * A baseline seeded from an equipment baseline (the typical mean and standard deviation of the
   * device type), which counts as warmed up so the device's first window is already scored.
   */
  public static EwmaBaseline seeded(AnomalyConfig config, double mean, double stdDev) {
    if (!(stdDev >= 0) || !Double.isFinite(stdDev)) {
      throw new IllegalArgumentException("stdDev must be finite and >= 0, was " + stdDev);
    }
    return new EwmaBaseline(config, mean, stdDev * stdDev, config.warmUpWindows());
  }

  /** This baseline's statistics under another configuration. */
  public EwmaBaseline withConfig(AnomalyConfig newConfig) {
    return new EwmaBaseline(newConfig, mean, variance, windows);
  }

  /** True once at least {@code warmUpWindows} means were absorbed (or the baseline was seeded). */
  public boolean isWarm() {
    return windows >= config.warmUpWindows();
  }

  /** The standard deviation of the absorbed means, without the floor. */
  public double stdDev() {
    return Math.sqrt(variance);
  }

  /**
   * The z-score of a 5 s mean against this baseline, {@code (x − mean) / max(stdDev, minStdDev)},
   * or empty while warming up.
   */
  public OptionalDouble score(double windowMean) {
    requireFinite(windowMean);
    if (!isWarm()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((windowMean - mean) / Math.max(stdDev(), config.minStdDev()));
  }

  /** This baseline with one more 5 s mean absorbed. */
  public EwmaBaseline update(double windowMean) {
    requireFinite(windowMean);
    if (windows == 0) {
      return new EwmaBaseline(config, windowMean, 0.0, 1);
    }
    double alpha = config.alpha();
    double diff = windowMean - mean;
    double increment = alpha * diff;
    double newVariance = (1.0 - alpha) * (variance + diff * increment);
    return new EwmaBaseline(config, mean + increment, newVariance, windows + 1);
  }

  private static void requireFinite(double windowMean) {
    if (!Double.isFinite(windowMean)) {
      throw new IllegalArgumentException("a 5 s mean must be finite, was " + windowMean);
    }
  }
}
