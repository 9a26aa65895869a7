package io.freshet.core.iot;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per sensor type limits checked on every reading as it arrives, without waiting for a window.
 *
 * <p>Values are compared as they are, in each type's {@link SensorType#defaultUnit()}; readings are
 * not converted between units.
 *
 * @param limits the limit of each sensor type; a type without an entry is never breached
 */
public record SensorThresholds(Map<SensorType, SensorLimit> limits) implements Serializable {

  public SensorThresholds {
    Objects.requireNonNull(limits, "limits");
    limits.forEach(
        (type, limit) -> {
          Objects.requireNonNull(type, "sensor type");
          Objects.requireNonNull(limit, "limit of " + type);
        });
    limits = Map.copyOf(limits);
  }

  /**
   * Upper limits only: temperature 90 °C, pressure 10 bar, vibration 20 mm/s, humidity 95 % and
   * power 500 kW.
   */
  public static SensorThresholds defaults() {
    return new SensorThresholds(
        Map.of(
            SensorType.TEMPERATURE, SensorLimit.atMost(90.0),
            SensorType.PRESSURE, SensorLimit.atMost(10.0),
            SensorType.VIBRATION, SensorLimit.atMost(20.0),
            SensorType.HUMIDITY, SensorLimit.atMost(95.0),
            SensorType.POWER, SensorLimit.atMost(500.0)));
  }

  /** These thresholds with one sensor type's limit replaced. */
  public SensorThresholds with(SensorType type, SensorLimit limit) {
    Map<SensorType, SensorLimit> copy = new EnumMap<>(SensorType.class);
    copy.putAll(limits);
    copy.put(type, limit);
    return new SensorThresholds(copy);
  }

  /** The limit of a sensor type, unbounded when none is configured. */
  public SensorLimit limit(SensorType type) {
    return limits.getOrDefault(type, SensorLimit.unbounded());
  }

  /** The limit the reading crossed, or empty when its value is within (or on) its limits. */
  public Optional<ThresholdBreach> breach(SensorReading reading) {
    SensorLimit limit = limit(reading.sensorType());
    double value = reading.value();
    if (value > limit.max()) {
      return Optional.of(
          new ThresholdBreach(
              reading.sensorType(), ThresholdBreach.Bound.ABOVE_MAX, limit.max(), value));
    }
    if (value < limit.min()) {
      return Optional.of(
          new ThresholdBreach(
              reading.sensorType(), ThresholdBreach.Bound.BELOW_MIN, limit.min(), value));
    }
    return Optional.empty();
  }
}
