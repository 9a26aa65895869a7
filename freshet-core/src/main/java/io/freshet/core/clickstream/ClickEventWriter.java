package io.freshet.core.clickstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.time.Timestamps;
import java.io.UncheckedIOException;

/** Writes a click event as its {@code clickstream.<kind>} JSON envelope (schema 2.1). */
public final class ClickEventWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ClickEventWriter() {}

  /** Encodes {@code e}; the partition key is the user id, so a user's clicks stay in order. */
  public static byte[] write(ClickEvent e, String source) {
    ObjectNode envelope = MAPPER.createObjectNode();
    envelope.put("event_id", e.eventId());
    envelope.put("event_type", e.kind().eventType());
    envelope.put("timestamp", Timestamps.format(e.eventTime()));
    envelope.put("source", source);
    envelope.put("partition_key", e.userId());
    ObjectNode p = envelope.putObject("payload");
    p.put("event_id", e.eventId());
    p.put("event_type", e.kind().wireName());
    p.put("user_id", e.userId());
    put(p, "session_id", e.sessionId());
    put(p, "product_id", e.productId());
    put(p, "category", e.category());
    if (e.price() != null) {
      p.put("price", e.price());
    }
    if (e.quantity() != null) {
      p.put("quantity", e.quantity());
    }
    put(p, "page_url", e.pageUrl());
    put(p, "referrer", e.referrer());
    put(p, "device_type", e.deviceType());
    put(p, "geo_country", e.geoCountry());
    envelope.putObject("metadata").put("schema_version", "2.1");
    try {
      return MAPPER.writeValueAsBytes(envelope);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new UncheckedIOException("cannot encode click " + e.eventId(), ex);
    }
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
