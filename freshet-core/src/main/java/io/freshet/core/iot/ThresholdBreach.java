package io.freshet.core.iot;

import java.util.Objects;

/**
 * Which limit a single reading crossed, for a {@code sensor-alerts} record.
 *
 * @param sensorType the reading's sensor type
 * @param bound which side of the safe range the value is on
 * @param limit the bound that was crossed
 * @param value the reading's value
 */
public record ThresholdBreach(SensorType sensorType, Bound bound, double limit, double value) {

  /** The side of the safe range a breaching value lies on. */
  public enum Bound {
    /** The value is greater than the maximum. */
    ABOVE_MAX,
    /** The value is less than the minimum. */
    BELOW_MIN
  }

  public ThresholdBreach {
    Objects.requireNonNull(sensorType, "sensorType");
    Objects.requireNonNull(bound, "bound");
  }
}
