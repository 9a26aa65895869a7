package io.freshet.core.iot;

import java.io.Serializable;

/**
 * The safe operating range of one sensor type; a reading strictly outside {@code [min, max]}
 * breaches it, a reading exactly on a bound does not.
 *
 * @param min the lowest safe value, {@code -Infinity} for no lower bound
 * @param max the highest safe value, {@code +Infinity} for no upper bound
 */
public record SensorLimit(double min, double max) implements Serializable {

  public SensorLimit {
    if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
      throw new IllegalArgumentException("need min <= max, got [" + min + ", " + max + "]");
    }
  }

  /** Only an upper bound. */
  public static SensorLimit atMost(double max) {
    return new SensorLimit(Double.NEGATIVE_INFINITY, max);
  }

  /** No bound at all: nothing breaches it. */
  public static SensorLimit unbounded() {
    return new SensorLimit(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }
}
