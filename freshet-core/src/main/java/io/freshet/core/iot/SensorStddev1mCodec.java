package io.freshet.core.iot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import java.io.IOException;

/** JSON of the {@code sensor-stddev-1m} topic: snake_case fields, ISO-8601 UTC times. */
public final class SensorStddev1mCodec implements Codec<SensorStddev1m> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(SensorStddev1m stddev) {
    return Json.write(stddev, SensorStddev1mCodec::write);
  }

  private static void write(JsonGenerator json, SensorStddev1m s) throws IOException {
    json.writeStartObject();
    IotFields.writeWindow(json, s.deviceId(), s.sensorType(), s.windowStart(), s.windowEnd());
    json.writeNumberField("count", s.count());
    json.writeNumberField("mean", s.mean());
    json.writeNumberField("stddev", s.stddev());
    json.writeNumberField("revision", s.revision());
    json.writeEndObject();
  }

  @Override
  public SensorStddev1m decode(byte[] bytes) {
    JsonNode n = Json.readObject(bytes, "sensor stddev");
    return new SensorStddev1m(
        IotFields.deviceId(n),
        IotFields.sensorType(n),
        Json.time(n, "window_start"),
        Json.time(n, "window_end"),
        n.path("count").asLong(),
        n.path("mean").asDouble(),
        n.path("stddev").asDouble(),
        n.path("revision").asInt());
  }
}
