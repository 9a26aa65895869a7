package io.freshet.core.iot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import java.io.IOException;

/** JSON of the {@code sensor-stats-5s} topic: snake_case fields, ISO-8601 UTC times. */
public final class SensorStats5sCodec implements Codec<SensorStats5s> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(SensorStats5s stats) {
    return Json.write(stats, SensorStats5sCodec::write);
  }

  private static void write(JsonGenerator json, SensorStats5s s) throws IOException {
    json.writeStartObject();
    IotFields.writeWindow(json, s.deviceId(), s.sensorType(), s.windowStart(), s.windowEnd());
    json.writeNumberField("count", s.count());
    json.writeNumberField("mean", s.mean());
    json.writeNumberField("min", s.min());
    json.writeNumberField("max", s.max());
    json.writeNumberField("revision", s.revision());
    json.writeEndObject();
  }

  @Override
  public SensorStats5s decode(byte[] bytes) {
    JsonNode n = Json.readObject(bytes, "sensor stats");
    return new SensorStats5s(
        IotFields.deviceId(n),
        IotFields.sensorType(n),
        Json.time(n, "window_start"),
        Json.time(n, "window_end"),
        n.path("count").asLong(),
        n.path("mean").asDouble(),
        n.path("min").asDouble(),
        n.path("max").asDouble(),
        n.path("revision").asInt());
  }
}
