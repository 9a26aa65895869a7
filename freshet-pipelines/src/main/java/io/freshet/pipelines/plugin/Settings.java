package io.freshet.pipelines.plugin;

import io.freshet.core.time.DurationText;
import java.time.Duration;
import java.util.Optional;

/** Factories of the common kinds of {@link Setting}, with the parsing and checks they share. */
public final class Settings {
  private Settings() {}

  /** A duration such as {@code 5m}; must not be negative, or must be positive when asked. */
  public static Setting<Duration> duration(
      String name, String description, Duration defaultValue, boolean positive) {
    return Setting.of(
        name,
        "DURATION",
        description,
        defaultValue,
        DurationText::parse,
        d ->
            positive && (d.isNegative() || d.isZero())
                ? Optional.of("must be positive, was " + d)
                : !positive && d.isNegative()
                    ? Optional.of("must not be negative, was " + d)
                    : Optional.empty());
  }

  /** A number strictly greater than {@code min}. */
  public static Setting<Double> numberAbove(
      String name, String label, String description, double defaultValue, double min) {
    return Setting.of(
        name,
        label,
        description,
        defaultValue,
        text -> number(text),
        v ->
            v > min ? Optional.empty() : Optional.of("must be greater than " + min + ", was " + v));
  }

  /** A whole number of at least {@code min}. */
  public static Setting<Integer> wholeNumber(
      String name, String label, String description, int defaultValue, int min) {
    return Setting.of(
        name,
        label,
        description,
        defaultValue,
        text -> {
          try {
            return Integer.parseInt(text.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number", e);
          }
        },
        v -> v >= min ? Optional.empty() : Optional.of("must be at least " + min + ", was " + v));
  }

  /** Parses a finite decimal number. */
  public static double number(String text) {
    try {
      double v = Double.parseDouble(text.trim());
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("'" + text + "' is not a finite number");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number", e);
    }
  }
}
