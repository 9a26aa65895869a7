package io.freshet.core.fraud;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts as exact micro-units (millionths of the currency unit) in a {@code long}, so the amount
 * rule's running 30-day sum can subtract what leaves the window without floating-point drift and a
 * replay computes bit-identical decisions whatever order entries were added and evicted in.
 */
public final class Amounts {
  /** Micro-units per currency unit. */
  public static final long MICROS = 1_000_000L;

  /** Below this, {@code amount * 1e6} in double precision is within 0.02 of the exact product. */
  private static final double FAST_LIMIT = 1e8;

  private Amounts() {}

  /**
   * {@code amount} in micro-units: its shortest decimal form ({@link Double#toString}) rounded to
   * six places, half-even. Exact for every amount with at most six decimals; fast below 10^8.
   *
   * @throws ArithmeticException when the amount does not fit (about 9.2 × 10^12 units and above)
   */
  public static long toMicros(double amount) {
    if (amount >= 0 && amount < FAST_LIMIT) {
      double scaled = amount * MICROS;
      long rounded = Math.round(scaled);
      // Far from a half micro, rounding the double agrees with rounding the decimal.
      if (Math.abs(scaled - rounded) < 1e-3) {
        return rounded;
      }
    }
    return BigDecimal.valueOf(amount)
        .setScale(6, RoundingMode.HALF_EVEN)
        .unscaledValue()
        .longValueExact();
  }

  /** {@code micros} back in currency units, as the alert details report them. */
  public static double fromMicros(double micros) {
    return micros / MICROS;
  }
}
