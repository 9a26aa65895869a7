package io.freshet.pipelines.iot;

import io.freshet.core.iot.AnomalyConfig;
import io.freshet.core.iot.SensorLimit;
import io.freshet.core.iot.SensorThresholds;
import io.freshet.core.iot.SensorType;
import io.freshet.pipelines.plugin.PipelineSettings;
import io.freshet.pipelines.plugin.Setting;
import io.freshet.pipelines.plugin.Settings;
import io.freshet.pipelines.plugin.WindowSettings;
import java.util.List;
import java.util.Optional;

/** The IoT pipeline's settings: anomaly scoring and per-sensor-type threshold limits. */
public final class IotPipelineSettings {
  private IotPipelineSettings() {}

  private static final AnomalyConfig ANOMALY_DEFAULTS = AnomalyConfig.defaults();

  public static final Setting<Double> ANOMALY_Z =
      Settings.numberAbove(
          "anomaly-z",
          "Z",
          "IoT anomaly when |z| of a 5 s mean exceeds this (default: 3.0).",
          ANOMALY_DEFAULTS.zThreshold(),
          0);

  public static final Setting<Double> ANOMALY_HALF_LIFE =
      Settings.numberAbove(
          "anomaly-half-life",
          "WINDOWS",
          "Half-life of the IoT baseline, in 5 s windows (default: 12).",
          ANOMALY_DEFAULTS.halfLifeWindows(),
          0);

  public static final Setting<Integer> ANOMALY_WARM_UP =
      Settings.wholeNumber(
          "anomaly-warm-up",
          "WINDOWS",
          "5 s windows a device's baseline needs before it is scored (default: 12).",
          ANOMALY_DEFAULTS.warmUpWindows(),
          1);

  /** Threshold-alert limits; each {@code TYPE=MAX} replaces one type's limit. */
  public static final Setting<SensorThresholds> SENSOR_LIMIT =
      new Setting<>(
          "sensor-limit",
          "TYPE=MAX",
          "Threshold-alert limit of a sensor type, repeatable (defaults: temperature=90,"
              + " pressure=10, vibration=20, humidity=95, power=500).",
          SensorThresholds.defaults(),
          IotPipelineSettings::withLimit,
          limits -> Optional.empty(),
          true);

  /** Every IoT setting, in {@code --help} order. */
  public static final List<Setting<?>> ALL =
      List.of(
          WindowSettings.ALLOWED_LATENESS,
          ANOMALY_Z,
          ANOMALY_HALF_LIFE,
          ANOMALY_WARM_UP,
          SENSOR_LIMIT);

  /** The job's settings from the given values. */
  public static IotSettings of(PipelineSettings values) {
    return new IotSettings(
        values.get(WindowSettings.ALLOWED_LATENESS),
        new AnomalyConfig(
            values.get(ANOMALY_HALF_LIFE),
            values.get(ANOMALY_WARM_UP),
            values.get(ANOMALY_Z),
            ANOMALY_DEFAULTS.minStdDev()),
        values.get(SENSOR_LIMIT));
  }

  private static SensorThresholds withLimit(SensorThresholds current, String text) {
    int eq = text.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("'" + text + "' is not TYPE=MAX, e.g. temperature=80");
    }
    String typeName = text.substring(0, eq).trim();
    SensorType type =
        SensorType.fromWireName(typeName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown sensor type '"
                            + typeName
                            + "'; expected temperature, pressure, vibration, humidity or"
                            + " power"));
    return current.with(type, SensorLimit.atMost(Settings.number(text.substring(eq + 1))));
  }
}
