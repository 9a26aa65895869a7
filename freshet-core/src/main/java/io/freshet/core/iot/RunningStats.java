package io.freshet.core.iot;

/**
 * Count, mean, sum of squared deviations (M2), min and max of a set of finite values, updated one
 * value at a time with Welford's algorithm and combined with Chan et al.'s parallel formula.
 *
 * <p>Immutable; every update returns a new instance. Keeping the mean and M2 instead of a sum and a
 * sum of squares is what makes the variance numerically stable: around 1e6 ± 0.01 the naive {@code
 * Σx²/n − mean²} cancels almost every significant digit, while M2 only ever accumulates squared
 * deviations of the size of the spread.
 *
 * <p>Like {@link java.util.DoubleSummaryStatistics}, the empty instance has mean 0, variance 0, min
 * {@code +Infinity} and max {@code -Infinity}; those are the identities of merging.
 *
 * @param count how many values were added
 * @param mean their arithmetic mean, 0 when empty
 * @param m2 the sum of squared deviations from the mean, never negative
 * @param min the smallest value, {@code +Infinity} when empty
 * @param max the largest value, {@code -Infinity} when empty
 */
public record RunningStats(long count, double mean, double m2, double min, double max) {

  private static final RunningStats EMPTY =
      new RunningStats(0, 0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

  public RunningStats {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    if (count == 0) {
      if (mean != 0.0
          || m2 != 0.0
          || min != Double.POSITIVE_INFINITY
          || max != Double.NEGATIVE_INFINITY) {
        throw new IllegalArgumentException("empty stats must have mean 0, m2 0 and no min/max");
      }
    } else {
      if (!Double.isFinite(mean) || !Double.isFinite(min) || !Double.isFinite(max)) {
        throw new IllegalArgumentException(
            "mean, min and max must be finite, were " + mean + ", " + min + ", " + max);
      }
      if (!(m2 >= 0.0) || !Double.isFinite(m2)) {
        throw new IllegalArgumentException("m2 must be finite and >= 0, was " + m2);
      }
      if (min > max) {
        throw new IllegalArgumentException("min " + min + " is greater than max " + max);
      }
    }
  }

  /** The statistics of no values. */
  public static RunningStats empty() {
    return EMPTY;
  }

  /** The statistics of the given values, added in order. */
  public static RunningStats of(double... values) {
    RunningStats stats = EMPTY;
    for (double value : values) {
      stats = stats.add(value);
    }
    return stats;
  }

  /** True when no value was added. */
  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * These statistics with one more value (Welford's update).
   *
   * @throws IllegalArgumentException when the value is NaN or infinite
   */
  public RunningStats add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, was " + value);
    }
    long n = count + 1;
    double delta = value - mean;
    double newMean = mean + delta / n;
    // The second factor uses the updated mean: delta * (x - newMean) = delta² * (n-1)/n, never < 0.
    double newM2 = m2 + delta * (value - newMean);
    return new RunningStats(n, newMean, newM2, Math.min(min, value), Math.max(max, value));
  }

  /**
   * The statistics of the union of both value sets (Chan et al.'s pairwise combination).
   *
   * <p>Floating-point merging is not exactly associative, so callers that need reproducible results
   * merge partials in a fixed order (for example pane order), not arrival order.
   */
  public RunningStats merge(RunningStats other) {
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      return other;
    }
    long n = count + other.count;
    double delta = other.mean - mean;
    double newMean = mean + delta * ((double) other.count / n);
    double newM2 = m2 + other.m2 + delta * delta * ((double) count * other.count / n);
    return new RunningStats(n, newMean, newM2, Math.min(min, other.min), Math.max(max, other.max));
  }

  /** The population variance, M2 / count; 0 when empty. */
  public double variance() {
    return count == 0 ? 0.0 : m2 / count;
  }

  /** The population standard deviation, the square root of {@link #variance()}. */
  public double populationStdDev() {
    return Math.sqrt(variance());
  }
}
