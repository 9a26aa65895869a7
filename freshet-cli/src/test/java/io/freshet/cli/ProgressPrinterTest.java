package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void statusShowsRateAndEta() {
    // Given progress at various points
    // When it is described
    // Then rate and ETA follow from the elapsed time
    assertThat(ProgressPrinter.status(0, 1000, 0)).isEqualTo("0/1000 (-/s, ETA -)");
    assertThat(ProgressPrinter.status(250, 1000, 2 * SECOND))
        .isEqualTo("250/1000 (125.0/s, ETA 6s)");
    assertThat(ProgressPrinter.status(10, 10_000, 4 * SECOND))
        .isEqualTo("10/10000 (2.5/s, ETA 1h06m36s)");
    assertThat(ProgressPrinter.duration(125)).isEqualTo("2m05s");
    assertThat(ProgressPrinter.bar(0, 10)).isEqualTo("[>" + " ".repeat(29) + "]");
    assertThat(ProgressPrinter.bar(5, 10))
        .isEqualTo("[" + "=".repeat(15) + ">" + " ".repeat(14) + "]");
    assertThat(ProgressPrinter.bar(10, 10)).isEqualTo("[" + "=".repeat(30) + "]");
  }

  @Test
  void aTerminalGetsABarRedrawnInPlaceAtMostTenTimesASecond() {
    // Given a terminal progress printer on a fake clock
    StringWriter out = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressPrinter progress = new ProgressPrinter(new PrintWriter(out), true, now::get);

    // When records complete 50 ms apart, then the last one after a second
    now.set(SECOND / 20);
    progress.update(1, 4);
    now.set(SECOND / 10);
    progress.update(2, 4);
    now.set(SECOND / 10 + SECOND / 20);
    progress.update(3, 4);
    now.set(SECOND);
    progress.update(4, 4);

    // Then the bar was drawn at 100 ms and at the end, which also ends the line
    assertThat(out.toString())
        .isEqualTo(
            "\r["
                + "=".repeat(15)
                + ">"
                + " ".repeat(14)
                + "] 2/4 (20.0/s, ETA 1s)"
                + "\r["
                + "=".repeat(30)
                + "] 4/4 (4.0/s, ETA 0s)"
                + System.lineSeparator());
  }

  @Test
  void elsewhereAPlainLineEveryFiveSeconds() {
    // Given a plain progress printer on a fake clock
    StringWriter out = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressPrinter progress = new ProgressPrinter(new PrintWriter(out), false, now::get);

    // When records complete one per second
    for (int done = 1; done <= 12; done++) {
      now.set(done * SECOND);
      progress.update(done, 12);
    }

    // Then a line came at 5 s and at 10 s, no carriage returns
    assertThat(out.toString())
        .isEqualTo(
            "Replayed 5/12 (1.0/s, ETA 7s)"
                + System.lineSeparator()
                + "Replayed 10/12 (1.0/s, ETA 2s)"
                + System.lineSeparator());
  }
}
