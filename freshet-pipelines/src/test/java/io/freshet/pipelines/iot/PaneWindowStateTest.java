package io.freshet.pipelines.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.iot.RunningStats;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorType;
import io.freshet.pipelines.common.Arrival;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The 5-second pane window as the job builds it: revisions, then no state once lateness ends. */
class PaneWindowStateTest {
  static final long T0 = Instant.parse("2026-11-26T12:00:00.000Z").toEpochMilli();
  static final Duration LATENESS = Duration.ofMinutes(5);

  static Arrival<SensorReading> reading(long time, double value) {
    return new Arrival<>(
        new SensorReading("r-" + time, time, "dev-1", "s", "l", SensorType.PRESSURE, value, "bar"),
        time);
  }

  KeyedOneInputStreamOperatorTestHarness<String, Arrival<SensorReading>, PaneStats> harness()
      throws Exception {
    TypeInformation<Arrival<SensorReading>> type =
        TypeInformation.of(new TypeHint<Arrival<SensorReading>>() {});
    KeySelector<Arrival<SensorReading>, String> key =
        a -> IotKeys.of(a.event().deviceId(), a.event().sensorType());
    WindowOperatorBuilder<Arrival<SensorReading>, String, TimeWindow> builder =
        new WindowOperatorBuilder<>(
            TumblingEventTimeWindows.of(IotMonitoringJob.PANE),
            EventTimeTrigger.create(),
            new ExecutionConfig(),
            type,
            key,
            Types.STRING);
    builder.allowedLateness(LATENESS);
    return new KeyedOneInputStreamOperatorTestHarness<>(
        builder.aggregate(
            new RunningStatsAggregator(),
            new PaneWindowFunction(),
            TypeInformation.of(RunningStats.class)),
        key,
        Types.STRING);
  }

  @Test
  void lateReadingsReviseThePaneAndAllStateGoesWhenLatenessEnds() throws Exception {
    try (var h = harness()) {
      h.open();
      // Given a pane with two readings, fired by the watermark
      h.processElement(reading(T0 + 1000, 2), T0 + 1000);
      h.processElement(reading(T0 + 2000, 4), T0 + 2000);
      h.processWatermark(T0 + 4999);
      // When a late reading arrives within the allowed lateness
      h.processElement(reading(T0 + 3000, 6), T0 + 3000);
      // Then the pane is emitted again as revision 1 with all three readings
      assertThat(h.extractOutputValues())
          .extracting(p -> p.stats().count(), p -> p.stats().mean(), PaneStats::revision)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(2L, 3.0, 0),
              org.assertj.core.groups.Tuple.tuple(3L, 4.0, 1));
      assertThat(h.numKeyedStateEntries()).isPositive();
      // When event time passes the pane's end plus the allowed lateness
      h.processWatermark(T0 + 5000 + LATENESS.toMillis());
      // Then its contents, its revision counter and its timers are gone
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }
}
