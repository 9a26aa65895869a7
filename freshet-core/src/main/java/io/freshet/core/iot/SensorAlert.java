package io.freshet.core.iot;

import java.util.Objects;

/**
 * One reading beyond its sensor type's limit: the {@code sensor-alerts} topic.
 *
 * @param eventTime event time of the reading, epoch milliseconds
 * @param value the reading's value
 * @param limit the limit it crossed
 * @param bound which side of the limit it is on
 * @param detectedAt when the pipeline saw it, epoch milliseconds
 */
public record SensorAlert(
    String deviceId,
    SensorType sensorType,
    String eventId,
    long eventTime,
    double value,
    double limit,
    ThresholdBreach.Bound bound,
    long detectedAt) {

  public SensorAlert {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(sensorType, "sensorType");
  }
}
