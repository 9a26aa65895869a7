package io.freshet.core.iot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import java.io.IOException;

/** The fields the IoT output codecs share, so every topic spells and orders them alike. */
final class IotFields {
  private IotFields() {}

  static void writeWindow(
      JsonGenerator json, String deviceId, SensorType type, long start, long end)
      throws IOException {
    json.writeStringField("device_id", deviceId);
    json.writeStringField("sensor_type", type.wireName());
    json.writeStringField("window_start", Timestamps.format(start));
    json.writeStringField("window_end", Timestamps.format(end));
  }

  /**
   * @throws IllegalArgumentException naming the field when it is not a known sensor type
   */
  static SensorType sensorType(JsonNode n) {
    String wireName = n.path("sensor_type").asText();
    return SensorType.fromWireName(wireName)
        .orElseThrow(() -> new IllegalArgumentException("unknown sensor_type '" + wireName + "'"));
  }

  static String deviceId(JsonNode n) {
    return Json.text(n, "device_id");
  }
}
