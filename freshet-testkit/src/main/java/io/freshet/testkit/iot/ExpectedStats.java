package io.freshet.testkit.iot;

import io.freshet.testkit.windows.Tolerance;

/** A reference {@code sensor-stats-5s} row; {@code sensorType} is the wire name. */
public record ExpectedStats(
    String deviceId,
    String sensorType,
    long windowStart,
    long windowEnd,
    long count,
    double mean,
    double min,
    double max,
    int revision) {

  /** The natural key: device, sensor type and window start. */
  public String key() {
    return deviceId + "|" + sensorType + "|" + windowStart;
  }

  /** Equal fields; the mean within {@link Tolerance} (it is summed in another order). */
  public boolean matches(ExpectedStats o) {
    return deviceId.equals(o.deviceId)
        && sensorType.equals(o.sensorType)
        && windowStart == o.windowStart
        && windowEnd == o.windowEnd
        && count == o.count
        && Tolerance.close(mean, o.mean)
        && Double.compare(min, o.min) == 0
        && Double.compare(max, o.max) == 0
        && revision == o.revision;
  }
}
