package io.freshet.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.iot.EquipmentBaseline;
import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.iot.SensorType;
import io.freshet.core.late.LateEvent;
import io.freshet.core.time.Timestamps;
import java.io.UncheckedIOException;

/**
 * The tree-model writers of the IoT, clickstream, late-event and baseline topics that the streaming
 * codecs replaced (IotJson, ClickstreamJson, LateEventCodec and EquipmentBaselineCodec of
 * freshet-pipelines), kept verbatim as the reference their bytes are compared with.
 */
final class TreeOutputJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TreeOutputJson() {}

  static byte[] stats(SensorStats5s s) {
    ObjectNode n = window(s.deviceId(), s.sensorType(), s.windowStart(), s.windowEnd());
    n.put("count", s.count());
    n.put("mean", s.mean());
    n.put("min", s.min());
    n.put("max", s.max());
    n.put("revision", s.revision());
    return bytes(n);
  }

  static byte[] stddev(SensorStddev1m s) {
    ObjectNode n = window(s.deviceId(), s.sensorType(), s.windowStart(), s.windowEnd());
    n.put("count", s.count());
    n.put("mean", s.mean());
    n.put("stddev", s.stddev());
    n.put("revision", s.revision());
    return bytes(n);
  }

  static byte[] anomaly(SensorAnomaly a) {
    ObjectNode n = window(a.deviceId(), a.sensorType(), a.windowStart(), a.windowEnd());
    n.put("value", a.value());
    n.put("baseline_mean", a.baselineMean());
    n.put("baseline_stddev", a.baselineStddev());
    n.put("z", a.z());
    return bytes(n);
  }

  static byte[] alert(SensorAlert a) {
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

  static byte[] baseline(EquipmentBaseline b) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("sensor_type", b.sensorType().wireName());
    n.put("mean", b.mean());
    n.put("stddev", b.stddev());
    return bytes(n);
  }

  static byte[] revenue(RevenueRow r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("geo_country", r.geoCountry());
    n.put("category", r.category());
    n.put("revenue", r.revenue());
    n.put("order_count", r.orderCount());
    n.put("avg_order_value", r.avgOrderValue());
    n.put("unique_buyers", r.uniqueBuyers());
    n.put("window_start", Timestamps.format(r.windowStart()));
    n.put("window_end", Timestamps.format(r.windowEnd()));
    n.put("revision", r.revision());
    return bytes(n);
  }

  static byte[] session(SessionRow s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("user_id", s.userId());
    n.put("device_type", s.deviceType());
    n.put("events_in_session", s.eventsInSession());
    ArrayNode categories = n.putArray("categories_viewed");
    for (String c : s.categoriesViewed()) {
      categories.add(c);
    }
    n.put("converted", s.converted());
    n.put("session_start", Timestamps.format(s.sessionStart()));
    n.put("session_end", Timestamps.format(s.sessionEnd()));
    n.put("revision", s.revision());
    n.put("retracted", s.retracted());
    return bytes(n);
  }

  static byte[] late(LateEvent e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("pipeline", e.pipeline());
    n.put("event_id", e.eventId());
    n.put("key", e.key());
    n.put("event_time", Timestamps.format(e.eventTime()));
    n.put("window_start", Timestamps.format(e.windowStart()));
    n.put("window_end", Timestamps.format(e.windowEnd()));
    n.put("watermark", Timestamps.format(e.watermark()));
    return bytes(n);
  }

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
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
