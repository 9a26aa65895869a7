package io.freshet.pipelines.iot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.iot.SensorType;
import io.freshet.core.iot.ThresholdBreach;
import io.freshet.core.time.Timestamps;
import io.freshet.pipelines.topic.TopicCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON of the IoT pipeline's outputs: snake_case fields, ISO-8601 UTC times. */
public final class IotJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private IotJson() {}

  public static final TopicCodec<SensorStats5s> STATS = new StatsCodec();
  public static final TopicCodec<SensorStddev1m> STDDEV = new StddevCodec();
  public static final TopicCodec<SensorAnomaly> ANOMALY = new AnomalyCodec();
  public static final TopicCodec<SensorAlert> ALERT = new AlertCodec();

  private static ObjectNode window(String deviceId, SensorType type, long start, long end) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("device_id", deviceId);
    n.put("sensor_type", type.wireName());
    n.put("window_start", Timestamps.format(start));
    n.put("window_end", Timestamps.format(end));
    return n;
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode tree(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("not IoT output JSON", e);
    }
  }

  private static SensorType type(JsonNode n) {
    return SensorType.fromWireName(n.path("sensor_type").asText()).orElseThrow();
  }

  private static long time(JsonNode n, String field) {
    return Timestamps.parse(n.path(field).asText());
  }

  private static final class StatsCodec implements TopicCodec<SensorStats5s> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] encode(SensorStats5s s) {
      ObjectNode n = window(s.deviceId(), s.sensorType(), s.windowStart(), s.windowEnd());
      n.put("count", s.count());
      n.put("mean", s.mean());
      n.put("min", s.min());
      n.put("max", s.max());
      n.put("revision", s.revision());
      return bytes(n);
    }

    @Override
    public SensorStats5s decode(byte[] bytes) {
      JsonNode n = tree(bytes);
      return new SensorStats5s(
          n.path("device_id").asText(),
          type(n),
          time(n, "window_start"),
          time(n, "window_end"),
          n.path("count").asLong(),
          n.path("mean").asDouble(),
          n.path("min").asDouble(),
          n.path("max").asDouble(),
          n.path("revision").asInt());
    }
  }

  private static final class StddevCodec implements TopicCodec<SensorStddev1m> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] encode(SensorStddev1m s) {
      ObjectNode n = window(s.deviceId(), s.sensorType(), s.windowStart(), s.windowEnd());
      n.put("count", s.count());
      n.put("mean", s.mean());
      n.put("stddev", s.stddev());
      n.put("revision", s.revision());
      return bytes(n);
    }

    @Override
    public SensorStddev1m decode(byte[] bytes) {
      JsonNode n = tree(bytes);
      return new SensorStddev1m(
          n.path("device_id").asText(),
          type(n),
          time(n, "window_start"),
          time(n, "window_end"),
          n.path("count").asLong(),
          n.path("mean").asDouble(),
          n.path("stddev").asDouble(),
          n.path("revision").asInt());
    }
  }

  private static final class AnomalyCodec implements TopicCodec<SensorAnomaly> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] encode(SensorAnomaly a) {
      ObjectNode n = window(a.deviceId(), a.sensorType(), a.windowStart(), a.windowEnd());
      n.put("value", a.value());
      n.put("baseline_mean", a.baselineMean());
      n.put("baseline_stddev", a.baselineStddev());
      n.put("z", a.z());
      return bytes(n);
    }

    @Override
    public SensorAnomaly decode(byte[] bytes) {
      JsonNode n = tree(bytes);
      return new SensorAnomaly(
          n.path("device_id").asText(),
          type(n),
          time(n, "window_start"),
          time(n, "window_end"),
          n.path("value").asDouble(),
          n.path("baseline_mean").asDouble(),
          n.path("baseline_stddev").asDouble(),
          n.path("z").asDouble());
    }
  }

  private static final class AlertCodec implements TopicCodec<SensorAlert> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] encode(SensorAlert a) {
      ObjectNode n = MAPPER.createObjectNode();
      n.put("device_id", a.deviceId());
      n.put("sensor_type", a.sensorType().wireName());
      n.put("event_id", a.eventId());
      n.put("event_time", Timestamps.format(a.eventTime()));
      n.put("value", a.value());
      n.put("limit", a.limit());
      n.put("bound", a.bound().name());
      n.put("detected_at", Timestamps.format(a.detectedAt()));
      return bytes(n);
    }

    @Override
    public SensorAlert decode(byte[] bytes) {
      JsonNode n = tree(bytes);
      return new SensorAlert(
          n.path("device_id").asText(),
          type(n),
          n.path("event_id").asText(),
          time(n, "event_time"),
          n.path("value").asDouble(),
          n.path("limit").asDouble(),
          ThresholdBreach.Bound.valueOf(n.path("bound").asText()),
          time(n, "detected_at"));
    }
  }
}
