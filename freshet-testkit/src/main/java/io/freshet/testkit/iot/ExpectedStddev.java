package io.freshet.testkit.iot;

import io.freshet.testkit.windows.Tolerance;

/** A reference {@code sensor-stddev-1m} row (population standard deviation). */
public record ExpectedStddev(
    String deviceId,
    String sensorType,
    long windowStart,
    long windowEnd,
    long count,
    double mean,
    double stddev,
    int revision) {

  /** The natural key: device, sensor type and window start. */
  public String key() {
    return deviceId + "|" + sensorType + "|" + windowStart;
  }

  /** Equal fields; mean and stddev within {@link Tolerance} (two-pass sums vs Chan merges). */
  public boolean matches(ExpectedStddev o) {
    return deviceId.equals(o.deviceId)
        && sensorType.equals(o.sensorType)
        && windowStart == o.windowStart
        && windowEnd == o.windowEnd
        && count == o.count
        && Tolerance.close(mean, o.mean)
        && Tolerance.close(stddev, o.stddev)
        && revision == o.revision;
  }
}
