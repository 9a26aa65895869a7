package io.freshet.core.iot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import java.io.IOException;

/** JSON of the {@code sensor-alerts} topic: snake_case fields, ISO-8601 UTC times. */
public final class SensorAlertCodec implements Codec<SensorAlert> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(SensorAlert alert) {
    return Json.write(alert, SensorAlertCodec::write);
  }

  private static void write(JsonGenerator json, SensorAlert a) throws IOException {
    json.writeStartObject();
    json.writeStringField("device_id", a.deviceId());
    json.writeStringField("sensor_type", a.sensorType().wireName());
    json.writeStringField("event_id", a.eventId());
    json.writeStringField("event_time", Timestamps.format(a.eventTime()));
    json.writeNumberField("value", a.value());
    json.writeNumberField("limit", a.limit());
    json.writeStringField("bound", a.bound().name());
    json.writeStringField("detected_at", Timestamps.format(a.detectedAt()));
    json.writeEndObject();
  }

  @Override
  public SensorAlert decode(byte[] bytes) {
    JsonNode n = Json.readObject(bytes, "sensor alert");
    String bound = Json.text(n, "bound");
    ThresholdBreach.Bound parsedBound;
    try {
      parsedBound = ThresholdBreach.Bound.valueOf(bound);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown bound '" + bound + "'", e);
    }
    return new SensorAlert(
        IotFields.deviceId(n),
        IotFields.sensorType(n),
        Json.text(n, "event_id"),
        Json.time(n, "event_time"),
        n.path("value").asDouble(),
        n.path("limit").asDouble(),
        parsedBound,
        Json.time(n, "detected_at"));
  }
}
