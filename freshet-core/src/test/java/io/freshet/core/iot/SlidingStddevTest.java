package io.freshet.core.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlidingStddevTest {
  static final long WINDOW_START = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
  static final long FIRST_PANE_END = Instant.parse("2026-11-26T12:00:05Z").toEpochMilli();
  static final long LAST_PANE_START = Instant.parse("2026-11-26T12:00:55Z").toEpochMilli();

  @Test
  void aWindowIsTwelvePanesOfFiveSeconds() {
    assertThat(SlidingStddev.PANES_PER_WINDOW).isEqualTo(12);
    assertThat(SlidingStddev.PANE.toMillis()).isEqualTo(5_000);
    assertThat(SlidingStddev.WINDOW.toMillis()).isEqualTo(60_000);
  }

  @Test
  void combiningTheTwelvePanesEqualsOnePassOverEveryReading() {
    // Given 12 panes holding the readings 0..59 (five each: pane p holds 5p..5p+4)
    List<RunningStats> panes = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (int pane = 0; pane < 12; pane++) {
      RunningStats stats = RunningStats.empty();
      for (int i = 0; i < 5; i++) {
        double value = 5 * pane + i;
        stats = stats.add(value);
        all.add(value);
      }
      panes.add(stats);
    }

    // When the window is combined from its panes
    RunningStats window = SlidingStddev.combine(panes);

    // Then it has the statistics of 0..59: count 60, mean 29.5, variance (60² − 1) / 12 = 299.9166…
    assertThat(window.count()).isEqualTo(60);
    assertThat(window.mean()).isEqualTo(29.5);
    assertThat(window.min()).isEqualTo(0.0);
    assertThat(window.max()).isEqualTo(59.0);
    assertThat(window.variance()).isCloseTo(3599.0 / 12, within(1e-10));
    RunningStats onePass = RunningStats.of(all.stream().mapToDouble(Double::doubleValue).toArray());
    assertThat(window.count()).isEqualTo(onePass.count());
    assertThat(window.populationStdDev()).isCloseTo(onePass.populationStdDev(), within(1e-12));
  }

  @Test
  void emptyPanesDoNotChangeTheWindow() {
    // Given a window in which only two panes had readings
    List<RunningStats> panes = new ArrayList<>(Collections.nCopies(12, RunningStats.empty()));
    panes.set(3, RunningStats.of(2, 4, 4));
    panes.set(9, RunningStats.of(4, 5, 5, 7, 9));

    // When combined / Then it is the statistics of those eight readings
    assertThat(SlidingStddev.combine(panes)).isEqualTo(new RunningStats(8, 5.0, 32.0, 2.0, 9.0));
  }

  @Test
  void noPanesMakeAnEmptyWindow() {
    assertThat(SlidingStddev.combine(List.of())).isEqualTo(RunningStats.empty());
  }

  @Test
  void moreThanTwelvePanesAreRejected() {
    List<RunningStats> thirteen = Collections.nCopies(13, RunningStats.of(1));
    assertThatThrownBy(() -> SlidingStddev.combine(thirteen))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a window covers 12 panes, got 13");
  }

  @Test
  void paneStartIsAlignedToTheEpochAndInclusive() {
    // Given event times at, inside and just before a pane boundary
    long justBeforeBoundary = FIRST_PANE_END - 1;

    // When their panes are computed / Then a boundary instant opens the next pane
    assertThat(SlidingStddev.paneStart(WINDOW_START)).isEqualTo(WINDOW_START);
    assertThat(SlidingStddev.paneStart(justBeforeBoundary)).isEqualTo(WINDOW_START);
    assertThat(SlidingStddev.paneStart(FIRST_PANE_END)).isEqualTo(FIRST_PANE_END);
    assertThat(SlidingStddev.paneStart(-1)).isEqualTo(-5_000);
  }

  @Test
  void aPaneBelongsToTheTwelveWindowsStartingUpToFiftyFiveSecondsBeforeIt() {
    // Given the last pane of the window starting at 12:00:00
    // When the windows covering it are listed
    long[] starts = SlidingStddev.windowStartsCovering(LAST_PANE_START);

    // Then they start every 5 s from 12:00:00 to 12:00:55
    assertThat(starts).hasSize(12);
    assertThat(starts[0]).isEqualTo(WINDOW_START);
    assertThat(starts[11]).isEqualTo(LAST_PANE_START);
    assertThat(starts[1] - starts[0]).isEqualTo(5_000);
  }

  @Test
  void windowStartsOfANonPaneStartAreRejected() {
    assertThatThrownBy(() -> SlidingStddev.windowStartsCovering(WINDOW_START + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
