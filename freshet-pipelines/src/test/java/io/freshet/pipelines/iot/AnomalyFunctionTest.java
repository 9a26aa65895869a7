package io.freshet.pipelines.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.iot.AnomalyConfig;
import io.freshet.core.iot.EquipmentBaseline;
import io.freshet.core.iot.RunningStats;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorType;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class AnomalyFunctionTest {
  static final long T0 = Instant.parse("2026-11-26T12:00:00.000Z").toEpochMilli();

  static PaneStats pane(String device, long start, double mean, int revision) {
    return new PaneStats(
        device, SensorType.TEMPERATURE, start, start + 5000, RunningStats.of(mean), revision);
  }

  KeyedBroadcastOperatorTestHarness<String, PaneStats, EquipmentBaseline, SensorAnomaly> harness()
      throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new AnomalyFunction(AnomalyConfig.defaults()),
        PaneStats::key,
        Types.STRING,
        AnomalyFunction.EQUIPMENT);
  }

  @Test
  void aDeviceWithoutHistoryWarmsUpBeforeScoring() throws Exception {
    try (var h = harness()) {
      // Given no equipment baseline, When a new device's first window is far off
      h.processElement(pane("dev-1", T0, 500, 0), T0 + 4999);
      // Then nothing is scored yet
      assertThat(h.extractOutputValues()).isEmpty();
    }
  }

  @Test
  void anEquipmentBaselineSeedsNewDevicesSoTheFirstWindowIsScored() throws Exception {
    try (var h = harness()) {
      // Given a broadcast baseline of 60 ± 1 for temperature sensors
      h.processBroadcastElement(new EquipmentBaseline(SensorType.TEMPERATURE, 60, 1), T0);
      // When a new device's first 5 s mean is 70
      h.processElement(pane("dev-2", T0, 70, 0), T0 + 4999);
      // Then it is an anomaly with z = 10 against the seeded baseline
      assertThat(h.extractOutputValues())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.deviceId()).isEqualTo("dev-2");
                assertThat(a.z()).isEqualTo(10.0);
                assertThat(a.baselineMean()).isEqualTo(60.0);
                assertThat(a.baselineStddev()).isEqualTo(1.0);
              });
    }
  }

  @Test
  void lateRevisionsDoNotFeedTheBaselineTwice() throws Exception {
    try (var h = harness()) {
      h.processBroadcastElement(new EquipmentBaseline(SensorType.TEMPERATURE, 60, 1), T0);
      h.processElement(pane("dev-3", T0, 60, 0), T0 + 4999);
      h.processElement(pane("dev-3", T0, 500, 1), T0 + 4999);
      assertThat(h.extractOutputValues()).isEmpty();
    }
  }
}
