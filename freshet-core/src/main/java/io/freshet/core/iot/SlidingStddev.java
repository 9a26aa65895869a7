package io.freshet.core.iot;

import java.time.Duration;
import java.util.List;

/**
 * Builds the statistics of a 1 min window sliding every 5 s from the twelve 5 s panes it covers, so
 * a reading is aggregated once (into its pane) rather than into twelve overlapping windows.
 *
 * <p>Windows and panes are aligned to the epoch like Flink's: a window starting at {@code s} covers
 * event times in {@code [s, s + 60 s)} and is the union of the panes starting at {@code s, s + 5 s,
 * ..., s + 55 s}.
 */
public final class SlidingStddev {
  /** The pane length, which is also the slide. */
  public static final Duration PANE = Duration.ofSeconds(5);

  /** The window length. */
  public static final Duration WINDOW = Duration.ofMinutes(1);

  /** How many panes one window covers. */
  public static final int PANES_PER_WINDOW = (int) (WINDOW.toMillis() / PANE.toMillis());

  private static final long PANE_MILLIS = PANE.toMillis();

  private SlidingStddev() {}

  /**
   * Merges the panes of one window. Pass them in pane order: merging is not exactly associative in
   * floating point, and a fixed order keeps replays bit-for-bit identical.
   *
   * @param panes at most {@link #PANES_PER_WINDOW} partials; empty panes may be present or left out
   */
  public static RunningStats combine(List<RunningStats> panes) {
    if (panes.size() > PANES_PER_WINDOW) {
      throw new IllegalArgumentException(
          "a window covers " + PANES_PER_WINDOW + " panes, got " + panes.size());
    }
    RunningStats window = RunningStats.empty();
    for (RunningStats pane : panes) {
      window = window.merge(pane);
    }
    return window;
  }

  /** The start of the pane holding this event time, aligned to the epoch. */
  public static long paneStart(long eventTime) {
    return eventTime - Math.floorMod(eventTime, PANE_MILLIS);
  }

  /**
   * The starts of the windows that include the pane starting at {@code paneStart}, oldest first:
   * {@code paneStart − 55 s} up to {@code paneStart}.
   */
  public static long[] windowStartsCovering(long paneStart) {
    if (Math.floorMod(paneStart, PANE_MILLIS) != 0) {
      throw new IllegalArgumentException(paneStart + " is not a pane start");
    }
    long[] starts = new long[PANES_PER_WINDOW];
    for (int i = 0; i < PANES_PER_WINDOW; i++) {
      starts[i] = paneStart - (PANES_PER_WINDOW - 1 - i) * PANE_MILLIS;
    }
    return starts;
  }
}
