package io.freshet.pipelines.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.iot.RunningStats;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.iot.SensorType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlidingStddevFunctionTest {
  static final long T0 = Instant.parse("2026-11-26T12:00:00.000Z").toEpochMilli();
  static final long MIN = 60_000;
  static final long LATENESS = Duration.ofMinutes(5).toMillis();

  KeyedOneInputStreamOperatorTestHarness<String, PaneStats, SensorStddev1m> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new SlidingStddevFunction(
                Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofMinutes(5)),
            PaneStats::key,
            Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  static PaneStats pane(long start, int revision, double... values) {
    return new PaneStats(
        "dev-1", SensorType.TEMPERATURE, start, start + 5000, RunningStats.of(values), revision);
  }

  void send(PaneStats p) throws Exception {
    harness.processElement(p, p.windowEnd() - 1);
  }

  @Test
  void windowFiresWhenTheWatermarkPassesItsEndWithStatsOfAllTwelvePanes() throws Exception {
    // Given panes at T0 and T0+55s (first and last pane of the window [T0, T0+60s))
    send(pane(T0, 0, 1, 3));
    send(pane(T0 + 55_000, 0, 5));
    // When the watermark reaches the window's last millisecond
    harness.processWatermark(T0 + MIN - 1);
    // Then that window is emitted with count 3, mean 3, population stddev sqrt(8/3)
    List<SensorStddev1m> out = harness.extractOutputValues();
    SensorStddev1m w = out.stream().filter(s -> s.windowStart() == T0).findFirst().orElseThrow();
    assertThat(w.count()).isEqualTo(3);
    assertThat(w.mean()).isEqualTo(3.0);
    assertThat(w.stddev())
        .isCloseTo(Math.sqrt(8.0 / 3), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(w.revision()).isZero();
    assertThat(w.windowEnd()).isEqualTo(T0 + MIN);
  }

  @Test
  void aRevisedPaneReEmitsItsFiredWindowsWithTheNextRevision() throws Exception {
    send(pane(T0, 0, 10));
    harness.processWatermark(T0 + MIN - 1);
    assertThat(harness.extractOutputValues())
        .filteredOn(s -> s.windowStart() == T0)
        .extracting(SensorStddev1m::count, SensorStddev1m::revision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0));
    // When a late reading revises the pane (still within lateness)
    send(pane(T0, 1, 10, 20));
    // Then the fired window comes again, replacing (not adding to) the pane
    assertThat(harness.extractOutputValues())
        .filteredOn(s -> s.windowStart() == T0)
        .extracting(SensorStddev1m::count, SensorStddev1m::mean, SensorStddev1m::revision)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 10.0, 0),
            org.assertj.core.groups.Tuple.tuple(2L, 15.0, 1));
  }

  @Test
  void stateAndTimersAreGoneOnceLatenessExpires() throws Exception {
    send(pane(T0, 0, 1));
    send(pane(T0 + 5000, 0, 2));
    harness.processWatermark(T0 + 5000 + MIN + LATENESS);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    // twelve windows contain the first pane, thirteen distinct windows contain either
    assertThat(harness.extractOutputValues()).hasSize(13);
  }
}
