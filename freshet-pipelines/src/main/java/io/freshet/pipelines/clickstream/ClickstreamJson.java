package io.freshet.pipelines.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.time.Timestamps;
import io.freshet.pipelines.topic.TopicCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** JSON of the clickstream outputs, with the field names the issue specifies. */
public final class ClickstreamJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ClickstreamJson() {}

  public static final TopicCodec<RevenueRow> REVENUE = new RevenueCodec();
  public static final TopicCodec<SessionRow> SESSION = new SessionCodec();

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
      throw new IllegalArgumentException("not clickstream output JSON", e);
    }
  }

  private static final class RevenueCodec implements TopicCodec<RevenueRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] encode(RevenueRow r) {
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

    @Override
    public RevenueRow decode(byte[] bytes) {
      JsonNode n = tree(bytes);
      return new RevenueRow(
          n.path("geo_country").asText(),
          n.path("category").asText(),
          Timestamps.parse(n.path("window_start").asText()),
          Timestamps.parse(n.path("window_end").asText()),
          n.path("revenue").decimalValue(),
          n.path("order_count").asLong(),
          n.path("avg_order_value").decimalValue(),
          n.path("unique_buyers").asLong(),
          n.path("revision").asInt());
    }
  }

  private static final class SessionCodec implements TopicCodec<SessionRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] encode(SessionRow s) {
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

    @Override
    public SessionRow decode(byte[] bytes) {
      JsonNode n = tree(bytes);
      List<String> categories = new ArrayList<>();
      n.path("categories_viewed").forEach(c -> categories.add(c.asText()));
      return new SessionRow(
          n.path("user_id").asText(),
          n.path("device_type").asText(),
          n.path("events_in_session").asLong(),
          categories.toArray(new String[0]),
          n.path("converted").asBoolean(),
          Timestamps.parse(n.path("session_start").asText()),
          Timestamps.parse(n.path("session_end").asText()),
          n.path("revision").asInt(),
          n.path("retracted").asBoolean());
    }
  }
}
