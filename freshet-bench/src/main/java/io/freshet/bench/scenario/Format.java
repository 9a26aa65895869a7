package io.freshet.bench.scenario;

import java.util.Optional;

/** How figures appear in tables: thousands separators, fixed decimals, ratios as percentages. */
final class Format {
  private Format() {}

  static String count(double value) {
    return String.format("%,.0f", value);
  }

  static String seconds(double value) {
    return String.format("%.2f", value);
  }

  static String millis(double value) {
    return String.format("%.1f", value);
  }

  static String ratio(Optional<Double> ratio) {
    return ratio.map(r -> String.format("%.0f %%", 100 * r)).orElse("n/a");
  }
}
