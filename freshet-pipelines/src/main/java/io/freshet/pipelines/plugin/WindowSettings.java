package io.freshet.pipelines.plugin;

import java.time.Duration;

/** Settings that every windowed pipeline shares, declared once so they are one option. */
public final class WindowSettings {
  private WindowSettings() {}

  /** How long after a window's end a late event still revises it. */
  public static final Setting<Duration> ALLOWED_LATENESS =
      Settings.duration(
          "allowed-lateness",
          "How long after a window ends a late event still revises it (default: 5m).",
          Duration.ofMinutes(5),
          false);
}
