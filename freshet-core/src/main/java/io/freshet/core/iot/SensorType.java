package io.freshet.core.iot;

import java.util.Locale;
import java.util.Optional;

/** The kinds of sensor a device reports, written on the wire as their lowercase names. */
public enum SensorType {
  TEMPERATURE("\u00b0C"),
  PRESSURE("bar"),
  VIBRATION("mm/s"),
  HUMIDITY("%"),
  POWER("kW");

  private final String defaultUnit;
  private final String wireName;

  SensorType(String defaultUnit) {
    this.defaultUnit = defaultUnit;
    this.wireName = name().toLowerCase(Locale.ROOT);
  }

  /** The name on the wire, e.g. {@code temperature}. */
  public String wireName() {
    return wireName;
  }

  /** The unit the default {@link SensorThresholds} are expressed in, e.g. {@code °C}. */
  public String defaultUnit() {
    return defaultUnit;
  }

  /**
   * The sensor type with exactly this wire name, or empty; {@code "Temperature"} is not accepted,
   * so one spelling reaches the window keys.
   */
  public static Optional<SensorType> fromWireName(String name) {
    for (SensorType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
