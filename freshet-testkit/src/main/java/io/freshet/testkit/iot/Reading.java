package io.freshet.testkit.iot;

/**
 * A generated sensor reading, the testkit's own view of a {@code sensor.reading} envelope.
 *
 * @param eventId the envelope's event_id
 * @param eventTime event time, epoch millis
 * @param deviceId the device, also the Kafka key
 * @param site the plant
 * @param line the production line
 * @param sensorType the wire name, e.g. {@code temperature}
 * @param value the measurement, finite
 * @param unit the unit as written
 */
public record Reading(
    String eventId,
    long eventTime,
    String deviceId,
    String site,
    String line,
    String sensorType,
    double value,
    String unit) {}
