package io.freshet.serving.rows;

import io.freshet.core.iot.SensorType;
import java.util.Objects;

/**
 * A row of {@code sensor_stats_5s}: count, mean, min and max of one 5-second window of one sensor.
 *
 * @param windowStart window start, epoch milliseconds (inclusive)
 * @param windowEnd window end, epoch milliseconds (exclusive)
 * @param revision 0 for the first emission, incremented by each late update of the window
 */
public record SensorStatsRow(
    String deviceId,
    SensorType sensorType,
    long windowStart,
    long windowEnd,
    long count,
    double mean,
    double min,
    double max,
    int revision) {

  public SensorStatsRow {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(sensorType, "sensorType");
  }
}
