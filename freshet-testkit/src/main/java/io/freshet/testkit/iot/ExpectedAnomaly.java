package io.freshet.testkit.iot;

import io.freshet.testkit.windows.Tolerance;

/** A reference {@code sensor-anomalies} row: a 5 s mean far from the device's baseline. */
public record ExpectedAnomaly(
    String deviceId,
    String sensorType,
    long windowStart,
    long windowEnd,
    double value,
    double baselineMean,
    double baselineStddev,
    double z) {

  /** The natural key: device, sensor type and window start. */
  public String key() {
    return deviceId + "|" + sensorType + "|" + windowStart;
  }

  /** Equal fields; the doubles within {@link Tolerance} (means are summed in another order). */
  public boolean matches(ExpectedAnomaly o) {
    return deviceId.equals(o.deviceId)
        && sensorType.equals(o.sensorType)
        && windowStart == o.windowStart
        && windowEnd == o.windowEnd
        && Tolerance.close(value, o.value)
        && Tolerance.close(baselineMean, o.baselineMean)
        && Tolerance.close(baselineStddev, o.baselineStddev)
        && Tolerance.close(z, o.z);
  }
}
