package io.freshet.pipelines.iot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.iot.SensorType;
import io.freshet.pipelines.topic.TopicCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON of {@code equipment-baselines}: {@code {"sensor_type","mean","stddev"}}. */
public final class EquipmentBaselineCodec implements TopicCodec<EquipmentBaseline> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public byte[] encode(EquipmentBaseline b) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("sensor_type", b.sensorType().wireName());
    n.put("mean", b.mean());
    n.put("stddev", b.stddev());
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws IllegalArgumentException naming the problem, for values that are not a baseline
   */
  @Override
  public EquipmentBaseline decode(byte[] bytes) {
    JsonNode n;
    try {
      n = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("equipment baseline is not JSON", e);
    }
    SensorType type =
        SensorType.fromWireName(n.path("sensor_type").asText())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown sensor_type '" + n.path("sensor_type").asText() + "'"));
    double mean = n.path("mean").asDouble(Double.NaN);
    double stddev = n.path("stddev").asDouble(Double.NaN);
    if (!Double.isFinite(mean) || !(stddev >= 0) || Double.isInfinite(stddev)) {
      throw new IllegalArgumentException(
          "baseline mean must be finite and stddev >= 0, were " + mean + ", " + stddev);
    }
    return new EquipmentBaseline(type, mean, stddev);
  }
}
