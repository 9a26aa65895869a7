package io.freshet.serving.rows;

import io.freshet.core.iot.SensorType;
import java.util.Objects;

/**
 * A row of {@code sensor_stddev_1m}: count, mean and population standard deviation of one 1-minute
 * window (sliding every 5 s) of one sensor.
 *
 * @param windowStart window start, epoch milliseconds (inclusive)
 * @param windowEnd window end, epoch milliseconds (exclusive)
 * @param revision 0 for the first emission, incremented by each late update of the window
 */
public record SensorStddevRow(
    String deviceId,
    SensorType sensorType,
    long windowStart,
    long windowEnd,
    long count,
    double mean,
    double stddev,
    int revision) {

  public SensorStddevRow {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(sensorType, "sensorType");
  }
}
