package io.freshet.serving.rows;

import io.freshet.core.iot.SensorType;
import java.util.Objects;

/**
 * A row of {@code sensor_anomalies}: a 5-second mean far from its sensor's baseline.
 *
 * @param windowStart start of the 5-second window, epoch milliseconds
 * @param windowEnd end of the 5-second window, epoch milliseconds
 * @param value the window's mean
 * @param z (value - baselineMean) / baselineStddev
 */
public record SensorAnomalyRow(
    String deviceId,
    SensorType sensorType,
    long windowStart,
    long windowEnd,
    double value,
    double baselineMean,
    double baselineStddev,
    double z) {

  public SensorAnomalyRow {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(sensorType, "sensorType");
  }
}
