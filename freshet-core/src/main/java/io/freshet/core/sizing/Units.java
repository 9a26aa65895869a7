package io.freshet.core.sizing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How a capacity plan writes its figures: decimal units (1 MB = 10^6 B, 1 TB = 10^12 B), one
 * decimal, thousands grouped, whatever the machine's locale.
 */
final class Units {
  static final double MB = 1e6;
  static final double GB = 1e9;
  static final double TB = 1e12;

  private Units() {}

  static String count(double n) {
    return String.format(Locale.ROOT, "%,.0f", n);
  }

  /** A rate always in MB/s, so that rates compare at a glance. */
  static String rate(double bytesPerSecond) {
    return String.format(Locale.ROOT, "%,.1f MB/s", bytesPerSecond / MB);
  }

  /** A rate in MB/s without its unit, for sums written as (a + b) MB/s. */
  static String megabytes(double bytesPerSecond) {
    return String.format(Locale.ROOT, "%,.1f", bytesPerSecond / MB);
  }

  static String gigabits(double bytesPerSecond) {
    return String.format(Locale.ROOT, "%.2f Gbit/s", bytesPerSecond * 8 / GB);
  }

  /** An amount of bytes in the largest unit it makes at least one of. */
  static String bytes(double bytes) {
    if (bytes >= TB) {
      return String.format(Locale.ROOT, "%,.1f TB", bytes / TB);
    } else if (bytes >= GB) {
      return String.format(Locale.ROOT, "%,.1f GB", bytes / GB);
    } else if (bytes >= MB) {
      return String.format(Locale.ROOT, "%,.1f MB", bytes / MB);
    } else if (bytes >= 1e3) {
      return String.format(Locale.ROOT, "%,.1f kB", bytes / 1e3);
    }
    return String.format(Locale.ROOT, "%,.0f B", bytes);
  }

  /** Whole gigabytes, as providers bill them. */
  static String gigabytes(double bytes) {
    return String.format(Locale.ROOT, "%,.0f GB", bytes / GB);
  }

  static String hours(double seconds) {
    return String.format(Locale.ROOT, "%,.1f h", seconds / 3600);
  }

  static String percent(double fraction) {
    return plain(BigDecimal.valueOf(fraction).movePointRight(2)) + " %";
  }

  /** A factor such as 1.5 or 3, without trailing zeros. */
  static String factor(double value) {
    return plain(BigDecimal.valueOf(value));
  }

  static String usd(double amount) {
    return String.format(Locale.ROOT, "$%,.0f", amount);
  }

  /** A unit price as the table gives it, with at least cents: $0.10, $0.0015, $0.384. */
  static String price(BigDecimal price) {
    BigDecimal p = price.stripTrailingZeros();
    return "$" + (p.scale() < 2 ? p.setScale(2, RoundingMode.UNNECESSARY) : p).toPlainString();
  }

  /**
   * The smallest whole number at least {@code x}, forgiving the rounding of a product of doubles
   * that should be whole (2.4 × 125 is not always exactly 300).
   */
  static long ceil(double x) {
    return (long) Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x)));
  }

  private static String plain(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    return (v.scale() < 0 ? v.setScale(0, RoundingMode.UNNECESSARY) : v).toPlainString();
  }
}
