package io.freshet.cli;

import io.freshet.runtime.deadletter.ReplayProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Shows a long replay's progress with rate and ETA: a bar redrawn in place on a terminal, a plain
 * line every few seconds otherwise (logs and pipes get no carriage returns).
 */
final class ProgressPrinter implements ReplayProgress {
  static final long TERMINAL_REDRAW_NANOS = 100_000_000L;
  static final long PLAIN_LINE_NANOS = 5_000_000_000L;
  static final int BAR_WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private final long start;
  private long lastShown;

  /**
   * @param out where progress goes (stderr, so stdout stays the command's result)
   * @param terminal redraw a bar in place; otherwise print plain lines
   * @param nanoTime the clock, {@code System::nanoTime} outside tests
   */
  ProgressPrinter(PrintWriter out, boolean terminal, LongSupplier nanoTime) {
    this.out = Objects.requireNonNull(out, "out");
    this.terminal = terminal;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.start = nanoTime.getAsLong();
    this.lastShown = start;
  }

  @Override
  public void update(int done, int total) {
    long now = nanoTime.getAsLong();
    boolean last = done >= total;
    if (terminal) {
      if (last || now - lastShown >= TERMINAL_REDRAW_NANOS) {
        out.print("\r" + bar(done, total) + " " + status(done, total, now - start));
        if (last) {
          out.println();
        }
        out.flush();
        lastShown = now;
      }
    } else if (now - lastShown >= PLAIN_LINE_NANOS) {
      out.println("Replayed " + status(done, total, now - start));
      out.flush();
      lastShown = now;
    }
  }

  /** {@code [=========> ]}: done out of total, {@link #BAR_WIDTH} wide. */
  static String bar(int done, int total) {
    int filled = total == 0 ? BAR_WIDTH : (int) ((long) done * BAR_WIDTH / total);
    StringBuilder bar = new StringBuilder(BAR_WIDTH + 2).append('[');
    for (int i = 0; i < BAR_WIDTH; i++) {
      bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    return bar.append(']').toString();
  }

  /** {@code 300/1000 (35.2/s, ETA 20s)}; the ETA is unknown until a record is done. */
  static String status(int done, int total, long elapsedNanos) {
    if (done == 0 || elapsedNanos <= 0) {
      return done + "/" + total + " (-/s, ETA -)";
    }
    double perSecond = done * 1e9 / elapsedNanos;
    long etaSeconds = (long) Math.ceil((total - done) / perSecond);
    return String.format(
        Locale.ROOT, "%d/%d (%.1f/s, ETA %s)", done, total, perSecond, duration(etaSeconds));
  }

  /** {@code 7s}, {@code 2m05s}, {@code 1h02m03s}. */
  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    if (h > 0) {
      return String.format(Locale.ROOT, "%dh%02dm%02ds", h, m, s);
    }
    return m > 0 ? String.format(Locale.ROOT, "%dm%02ds", m, s) : s + "s";
  }
}
