package io.freshet.core.iot;

import java.util.Objects;

/**
 * A validated {@code sensor.reading} event with its envelope identity.
 *
 * @param eventId the envelope's event_id
 * @param eventTime event time in epoch milliseconds, from the envelope's timestamp
 * @param deviceId the reporting device, never blank; the Kafka key
 * @param site where the device is installed, or null when the event did not say
 * @param line the production line, or null when the event did not say
 * @param sensorType what was measured
 * @param value the measurement, always finite
 * @param unit the unit the producer reported, or null when the event did not say
 */
public record SensorReading(
    String eventId,
    long eventTime,
    String deviceId,
    String site,
    String line,
    SensorType sensorType,
    double value,
    String unit) {

  public SensorReading {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(sensorType, "sensorType");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, was " + value);
    }
  }
}
