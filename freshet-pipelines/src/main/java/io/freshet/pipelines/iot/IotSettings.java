package io.freshet.pipelines.iot;

import io.freshet.core.iot.AnomalyConfig;
import io.freshet.core.iot.SensorThresholds;
import java.io.Serializable;
import java.time.Duration;

/**
 * Tunables of the IoT pipeline: allowed lateness of its windows, anomaly scoring and per-sensor
 * thresholds.
 */
public record IotSettings(
    Duration allowedLateness, AnomalyConfig anomalies, SensorThresholds thresholds)
    implements Serializable {

  /** 5 min lateness, z > 3 after 12 windows, the documented default limits. */
  public static IotSettings defaults() {
    return new IotSettings(
        Duration.ofMinutes(5), AnomalyConfig.defaults(), SensorThresholds.defaults());
  }

  public IotSettings withAllowedLateness(Duration lateness) {
    return new IotSettings(lateness, anomalies, thresholds);
  }
}
