package io.freshet.core.iot;

import java.util.Objects;

/**
 * Count, mean, min and max of one 5-second window of one sensor: the {@code sensor-stats-5s} topic
 * and the {@code sensor_stats_5s} table.
 *
 * @param windowStart window start, epoch milliseconds (inclusive)
 * @param windowEnd window end, epoch milliseconds (exclusive)
 * @param revision 0 for the first emission, incremented by each late update of the window
 */
public record SensorStats5s(
    String deviceId,
    SensorType sensorType,
    long windowStart,
    long windowEnd,
    long count,
    double mean,
    double min,
    double max,
    int revision) {

  public SensorStats5s {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(sensorType, "sensorType");
  }
}
