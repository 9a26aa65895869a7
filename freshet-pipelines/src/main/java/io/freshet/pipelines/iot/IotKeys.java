package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorType;

/** Builds the (device, sensor type) partitioning key of the IoT pipeline. */
public final class IotKeys {
  private IotKeys() {}

  public static String of(String deviceId, SensorType type) {
    return deviceId + "|" + type.name();
  }
}
