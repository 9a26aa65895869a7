package io.freshet.testkit.windows;

/**
 * How closely a reference double must match a pipeline's: the references sum values in a different
 * order than the pipelines (two-pass sums over raw values instead of Welford updates and Chan
 * merges), so the last bits may differ; a relative error of 1e-9 is far below any real bug.
 */
public final class Tolerance {
  /** The largest relative difference accepted. */
  public static final double RELATIVE = 1e-9;

  private Tolerance() {}

  /** True when {@code a} and {@code b} differ by at most {@link #RELATIVE} of the larger (or 1). */
  public static boolean close(double a, double b) {
    if (Double.compare(a, b) == 0) {
      return true;
    }
    double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs(a - b) <= RELATIVE * scale;
  }
}
