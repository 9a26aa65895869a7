package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorType;

/** The {@code sensor-stddev-1m} output: a 1-minute window sliding every 5 seconds. */
public record SensorStddev1m(
    String deviceId,
    SensorType sensorType,
    long windowStart,
    long windowEnd,
    long count,
    double mean,
    double stddev,
    int revision) {}
