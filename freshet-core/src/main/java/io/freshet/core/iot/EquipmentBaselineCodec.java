package io.freshet.core.iot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import java.io.IOException;

/** JSON of {@code equipment-baselines}: {@code {"sensor_type","mean","stddev"}}. */
public final class EquipmentBaselineCodec implements Codec<EquipmentBaseline> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(EquipmentBaseline baseline) {
    return Json.write(baseline, EquipmentBaselineCodec::write);
  }

  private static void write(JsonGenerator json, EquipmentBaseline b) throws IOException {
    json.writeStartObject();
    json.writeStringField("sensor_type", b.sensorType().wireName());
    json.writeNumberField("mean", b.mean());
    json.writeNumberField("stddev", b.stddev());
    json.writeEndObject();
  }

  /**
   * @throws IllegalArgumentException naming the problem, for values that are not a baseline
   */
  @Override
  public EquipmentBaseline decode(byte[] bytes) {
    JsonNode n = Json.readObject(bytes, "equipment baseline");
    SensorType type = IotFields.sensorType(n);
    double mean = n.path("mean").asDouble(Double.NaN);
    double stddev = n.path("stddev").asDouble(Double.NaN);
    if (!Double.isFinite(mean) || !(stddev >= 0) || Double.isInfinite(stddev)) {
      throw new IllegalArgumentException(
          "baseline mean must be finite and stddev >= 0, were " + mean + ", " + stddev);
    }
    return new EquipmentBaseline(type, mean, stddev);
  }
}
