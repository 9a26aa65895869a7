package io.freshet.pipelines.iot;

import io.freshet.core.iot.RunningStats;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorType;

/**
 * One device sensor's statistics over a 5-second pane; {@code revision} counts re-emissions caused
 * by late readings (0 for the first).
 */
public record PaneStats(
    String deviceId,
    SensorType sensorType,
    long windowStart,
    long windowEnd,
    RunningStats stats,
    int revision) {

  /** The {@code sensor-stats-5s} record of this pane. */
  public SensorStats5s toStats() {
    return new SensorStats5s(
        deviceId,
        sensorType,
        windowStart,
        windowEnd,
        stats.count(),
        stats.mean(),
        stats.min(),
        stats.max(),
        revision);
  }

  /** The key every IoT keyed operator partitions by. */
  public String key() {
    return IotKeys.of(deviceId, sensorType);
  }
}
