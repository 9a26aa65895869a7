package io.freshet.core.iot;

import java.util.Objects;

/**
 * Count, mean and population standard deviation of one 1-minute window (sliding every 5 s) of one
 * sensor: the {@code sensor-stddev-1m} topic and the {@code sensor_stddev_1m} table.
 *
 * @param windowStart window start, epoch milliseconds (inclusive)
 * @param windowEnd window end, epoch milliseconds (exclusive)
 * @param revision 0 for the first emission, incremented by each late update of the window
 */
public record SensorStddev1m(
    String deviceId,
    SensorType sensorType,
    long windowStart,
    long windowEnd,
    long count,
    double mean,
    double stddev,
    int revision) {

  public SensorStddev1m {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(sensorType, "sensorType");
  }
}
