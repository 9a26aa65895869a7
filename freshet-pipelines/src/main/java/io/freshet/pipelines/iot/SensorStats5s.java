package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorType;

/** The {@code sensor-stats-5s} output: count, mean, min and max of a 5-second window. */
public record SensorStats5s(
    String deviceId,
    SensorType sensorType,
    long windowStart,
    long windowEnd,
    long count,
    double mean,
    double min,
    double max,
    int revision) {

  static SensorStats5s of(PaneStats pane) {
    return new SensorStats5s(
        pane.deviceId(),
        pane.sensorType(),
        pane.windowStart(),
        pane.windowEnd(),
        pane.stats().count(),
        pane.stats().mean(),
        pane.stats().min(),
        pane.stats().max(),
        pane.revision());
  }
}
