package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorType;
import io.freshet.core.iot.ThresholdBreach;

/** The {@code sensor-alerts} output: one reading beyond its sensor type's limit. */
public record SensorAlert(
    String deviceId,
    SensorType sensorType,
    String eventId,
    long eventTime,
    double value,
    double limit,
    ThresholdBreach.Bound bound,
    long detectedAt) {}
