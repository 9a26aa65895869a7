package io.freshet.pipelines.iot;

import static io.freshet.serving.Column.key;
import static io.freshet.serving.Column.value;
import static io.freshet.serving.SqlType.BIGINT;
import static io.freshet.serving.SqlType.DOUBLE;
import static io.freshet.serving.SqlType.INTEGER;
import static io.freshet.serving.SqlType.TIMESTAMP;
import static io.freshet.serving.SqlType.VARCHAR;

import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.serving.ServingTable;
import java.util.List;

/** The IoT-monitoring pipeline's serving tables. */
public final class IotTables {
  private IotTables() {}

  /** 5-second sensor statistics, keyed by (device_id, sensor_type, window_start). */
  public static final ServingTable<SensorStats5s> SENSOR_STATS_5S =
      new ServingTable<>(
          "sensor_stats_5s",
          List.of(
              key("device_id", VARCHAR),
              key("sensor_type", VARCHAR),
              key("window_start", TIMESTAMP),
              value("window_end", TIMESTAMP),
              value("count", BIGINT),
              value("mean", DOUBLE),
              value("min", DOUBLE),
              value("max", DOUBLE),
              value("revision", INTEGER)),
          "window_start",
          "revision",
          r ->
              new Object[] {
                r.deviceId(),
                r.sensorType().wireName(),
                r.windowStart(),
                r.windowEnd(),
                r.count(),
                r.mean(),
                r.min(),
                r.max(),
                r.revision()
              });

  /** 1-minute sliding standard deviation, keyed by (device_id, sensor_type, window_start). */
  public static final ServingTable<SensorStddev1m> SENSOR_STDDEV_1M =
      new ServingTable<>(
          "sensor_stddev_1m",
          List.of(
              key("device_id", VARCHAR),
              key("sensor_type", VARCHAR),
              key("window_start", TIMESTAMP),
              value("window_end", TIMESTAMP),
              value("count", BIGINT),
              value("mean", DOUBLE),
              value("stddev", DOUBLE),
              value("revision", INTEGER)),
          "window_start",
          "revision",
          r ->
              new Object[] {
                r.deviceId(),
                r.sensorType().wireName(),
                r.windowStart(),
                r.windowEnd(),
                r.count(),
                r.mean(),
                r.stddev(),
                r.revision()
              });

  /** Anomalous 5-second means, keyed by (device_id, sensor_type, window_start). */
  public static final ServingTable<SensorAnomaly> SENSOR_ANOMALIES =
      new ServingTable<>(
          "sensor_anomalies",
          List.of(
              key("device_id", VARCHAR),
              key("sensor_type", VARCHAR),
              key("window_start", TIMESTAMP),
              value("window_end", TIMESTAMP),
              value("value", DOUBLE),
              value("baseline_mean", DOUBLE),
              value("baseline_stddev", DOUBLE),
              value("z", DOUBLE)),
          "window_start",
          null,
          r ->
              new Object[] {
                r.deviceId(),
                r.sensorType().wireName(),
                r.windowStart(),
                r.windowEnd(),
                r.value(),
                r.baselineMean(),
                r.baselineStddev(),
                r.z()
              });
}
