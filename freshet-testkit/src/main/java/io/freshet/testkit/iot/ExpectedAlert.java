package io.freshet.testkit.iot;

/**
 * A reference {@code sensor-alerts} row: one reading beyond its type's limit.
 *
 * @param bound {@code ABOVE_MAX} or {@code BELOW_MIN}
 */
public record ExpectedAlert(
    String deviceId,
    String sensorType,
    String eventId,
    long eventTime,
    double value,
    double limit,
    String bound) {}
