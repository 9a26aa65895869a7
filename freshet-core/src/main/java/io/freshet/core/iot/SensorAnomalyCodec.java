package io.freshet.core.iot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import java.io.IOException;

/** JSON of the {@code sensor-anomalies} topic: snake_case fields, ISO-8601 UTC times. */
public final class SensorAnomalyCodec implements Codec<SensorAnomaly> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(SensorAnomaly anomaly) {
    return Json.write(anomaly, SensorAnomalyCodec::write);
  }

  private static void write(JsonGenerator json, SensorAnomaly a) throws IOException {
    json.writeStartObject();
    IotFields.writeWindow(json, a.deviceId(), a.sensorType(), a.windowStart(), a.windowEnd());
    json.writeNumberField("value", a.value());
    json.writeNumberField("baseline_mean", a.baselineMean());
    json.writeNumberField("baseline_stddev", a.baselineStddev());
    json.writeNumberField("z", a.z());
    json.writeEndObject();
  }

  @Override
  public SensorAnomaly decode(byte[] bytes) {
    JsonNode n = Json.readObject(bytes, "sensor anomaly");
    return new SensorAnomaly(
        IotFields.deviceId(n),
        IotFields.sensorType(n),
        Json.time(n, "window_start"),
        Json.time(n, "window_end"),
        n.path("value").asDouble(),
        n.path("baseline_mean").asDouble(),
        n.path("baseline_stddev").asDouble(),
        n.path("z").asDouble());
  }
}
