package io.freshet.core.clickstream;

import static io.freshet.core.testing.TestEvents.NOON_TEXT;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** Builds valid clickstream envelopes for tests to mutate, and events for the aggregate tests. */
final class ClickEvents {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ClickEvents() {}

  /** A fresh, fully populated, valid envelope of the given kind: 2 × 19.99 of a kettle. */
  static ObjectNode validClickEnvelope(ClickKind kind) {
    ObjectNode env = MAPPER.createObjectNode();
    env.put("event_id", "evt-c-0001");
    env.put("event_type", kind.eventType());
    env.put("timestamp", NOON_TEXT);
    env.put("source", "web-frontend");
    env.put("partition_key", "user-9");
    ObjectNode payload = env.putObject("payload");
    payload.put("event_id", "evt-c-0001");
    payload.put("event_type", kind.wireName());
    payload.put("user_id", "user-9");
    payload.put("session_id", "sess-3");
    payload.put("product_id", "prod-kettle");
    payload.put("category", "kitchen");
    payload.put("price", 19.99);
    payload.put("quantity", 2);
    payload.put("page_url", "https://shop.example/p/kettle");
    payload.put("referrer", "https://search.example/?q=kettle");
    payload.put("device_type", "mobile");
    payload.put("geo_country", "FR");
    env.putObject("metadata").put("schema_version", "2.0");
    return env;
  }

  /** A purchase of {@code quantity} × {@code price} (a decimal string) by a user at time 0. */
  static ClickEvent purchase(String userId, String price, int quantity) {
    return new ClickEvent(
        "evt-" + userId + "-" + price + "x" + quantity,
        0L,
        ClickKind.PURCHASE,
        userId,
        null,
        "prod-1",
        "kitchen",
        new BigDecimal(price),
        quantity,
        null,
        null,
        "mobile",
        "FR");
  }

  /** An event of user-9 on mobile at the given time, with an optional category. */
  static ClickEvent click(ClickKind kind, long eventTime, String category) {
    boolean purchase = kind == ClickKind.PURCHASE;
    return new ClickEvent(
        "evt-" + kind.wireName() + "-" + eventTime,
        eventTime,
        kind,
        "user-9",
        null,
        null,
        category,
        purchase ? new BigDecimal("5.00") : null,
        purchase ? 1 : null,
        null,
        null,
        "mobile",
        purchase ? "FR" : null);
  }
}
