package io.freshet.core.iot;

import java.util.Objects;

/**
 * A 5-second mean far from its sensor's baseline: the {@code sensor-anomalies} topic and the {@code
 * sensor_anomalies} table.
 *
 * @param windowStart start of the 5-second window, epoch milliseconds
 * @param windowEnd end of the 5-second window, epoch milliseconds
 * @param value the window's mean
 * @param z (value - baselineMean) / baselineStddev
 */
public record SensorAnomaly(
    String deviceId,
    SensorType sensorType,
    long windowStart,
    long windowEnd,
    double value,
    double baselineMean,
    double baselineStddev,
    double z) {

  public SensorAnomaly {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(sensorType, "sensorType");
  }
}
