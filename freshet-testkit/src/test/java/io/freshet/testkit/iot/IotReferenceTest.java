package io.freshet.testkit.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IotReferenceTest {
  static final long T0 = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();

  static Reading reading(String id, long time, double value) {
    return new Reading(id, time, "d1", "s", "l", "pressure", value, "bar");
  }

  @Test
  void aLateReadingWithinTheLatenessRevisesItsPaneAndItsWindows() {
    // Given two readings in pane T0, one 20 s later (the watermark passes the pane), then a late
    // one for pane T0
    List<Reading> readings =
        List.of(
            reading("a", T0 + 1_000, 2),
            reading("b", T0 + 2_000, 4),
            reading("c", T0 + 20_000, 5),
            reading("d", T0 + 3_000, 6));

    // When the reference runs to the end of the input
    IotReference.Result result = IotReference.compute(readings, IotReference.Settings.defaults());

    // Then pane T0 is emitted as revision 0 and 1, and its windows end with all three readings
    assertThat(result.stats())
        .filteredOn(s -> s.windowStart() == T0)
        .extracting(ExpectedStats::count, ExpectedStats::mean, ExpectedStats::revision)
        .containsExactly(tuple(2L, 3.0, 0), tuple(3L, 4.0, 1));
    // (the windows the watermark had passed re-emitted, the later ones emitted once, complete)
    assertThat(result.finalStddev())
        .filteredOn(s -> s.windowStart() == T0 - 55_000 || s.windowStart() == T0)
        .extracting(ExpectedStddev::windowStart, ExpectedStddev::count, ExpectedStddev::revision)
        .containsExactly(tuple(T0 - 55_000, 3L, 1), tuple(T0, 4L, 0));
    ExpectedStddev window =
        result.finalStddev().stream().filter(s -> s.windowStart() == T0).findFirst().orElseThrow();
    assertThat(window.mean()).isCloseTo(4.25, within(1e-12));
    assertThat(window.stddev())
        .isCloseTo(Math.sqrt((5.0625 + 0.0625 + 3.0625 + 0.5625) / 4), within(1e-12));
  }

  @Test
  void aMeanFarFromTheWarmBaselineIsAnAnomalyAndEveryReadingAboveItsLimitAnAlert() {
    // Given 13 panes at 5 bar, then one at 12 bar
    List<Reading> readings = new ArrayList<>();
    for (int p = 0; p < 14; p++) {
      readings.add(reading("r" + p, T0 + p * 5_000L, p < 13 ? 5 + (p % 2) * 0.1 : 12));
    }

    // When the reference runs to the end of the input
    IotReference.Result result = IotReference.compute(readings, IotReference.Settings.defaults());

    // Then the last pane is anomalous and the 12 bar reading is an alert
    assertThat(result.anomalies())
        .extracting(ExpectedAnomaly::windowStart)
        .containsExactly(T0 + 13 * 5_000L);
    assertThat(result.alerts())
        .extracting(ExpectedAlert::eventId, ExpectedAlert::limit)
        .containsExactly(tuple("r13", 10.0));
  }
}
