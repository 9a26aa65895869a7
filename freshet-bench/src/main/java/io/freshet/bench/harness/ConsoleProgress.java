package io.freshet.bench.harness;

import java.io.PrintStream;
import java.util.Objects;

/**
 * A progress bar with rate and ETA on stderr: redrawn in place on a terminal, a plain line every
 * few seconds otherwise so logs get no carriage returns.
 */
public final class ConsoleProgress implements Progress {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long PLAIN_LINE_NANOS = 5_000_000_000L;
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;

  public ConsoleProgress(PrintStream out, boolean terminal) {
    this.out = Objects.requireNonNull(out, "out");
    this.terminal = terminal;
  }

  @Override
  public Step start(String label, long total) {
    long started = System.nanoTime();
    long[] lastShown = {started};
    return done -> {
      long now = System.nanoTime();
      boolean last = done >= total;
      long interval = terminal ? REDRAW_NANOS : PLAIN_LINE_NANOS;
      if (!last && now - lastShown[0] < interval) {
        return;
      }
      lastShown[0] = now;
      String line = label + " " + bar(done, total) + " " + status(done, total, now - started);
      if (terminal) {
        out.print("\r" + line + (last ? "\n" : ""));
      } else {
        out.println(line);
      }
      out.flush();
    };
  }

  static String bar(long done, long total) {
    int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
    StringBuilder bar = new StringBuilder(WIDTH + 2).append('[');
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    return bar.append(']').toString();
  }

  static String status(long done, long total, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    String eta = rate > 0 && done < total ? String.format(" ETA %.0fs", (total - done) / rate) : "";
    return String.format("%,d/%,d  %,.0f/s%s", done, total, rate, eta);
  }
}
