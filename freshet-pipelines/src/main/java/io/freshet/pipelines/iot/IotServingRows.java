package io.freshet.pipelines.iot;

import io.freshet.serving.rows.SensorAnomalyRow;
import io.freshet.serving.rows.SensorStatsRow;
import io.freshet.serving.rows.SensorStddevRow;

/** Converts the IoT job's topic records into the serving store's rows, field for field. */
final class IotServingRows {
  private IotServingRows() {}

  static SensorStatsRow stats(SensorStats5s s) {
    return new SensorStatsRow(
        s.deviceId(),
        s.sensorType(),
        s.windowStart(),
        s.windowEnd(),
        s.count(),
        s.mean(),
        s.min(),
        s.max(),
        s.revision());
  }

  static SensorStddevRow stddev(SensorStddev1m s) {
    return new SensorStddevRow(
        s.deviceId(),
        s.sensorType(),
        s.windowStart(),
        s.windowEnd(),
        s.count(),
        s.mean(),
        s.stddev(),
        s.revision());
  }

  static SensorAnomalyRow anomaly(SensorAnomaly a) {
    return new SensorAnomalyRow(
        a.deviceId(),
        a.sensorType(),
        a.windowStart(),
        a.windowEnd(),
        a.value(),
        a.baselineMean(),
        a.baselineStddev(),
        a.z());
  }
}
