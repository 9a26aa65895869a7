package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorType;

/** The {@code sensor-anomalies} output: a 5-second mean far from the device's baseline. */
public record SensorAnomaly(
    String deviceId,
    SensorType sensorType,
    long windowStart,
    long windowEnd,
    double value,
    double baselineMean,
    double baselineStddev,
    double z) {}
