package io.freshet.testkit.clickstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.testkit.windows.Envelopes;
import io.freshet.testkit.windows.Malformed;
import java.util.List;

/** {@code clickstream.<kind>} envelopes of generated clicks, and a planted malformed one. */
public final class ClickEnvelopes {
  private ClickEnvelopes() {}

  /** The click's envelope, partition key its user. */
  public static byte[] encode(Click c, String source) {
    ObjectNode envelope =
        Envelopes.envelope(
            c.eventId(), "clickstream." + c.kind(), c.eventTime(), source, c.userId());
    ObjectNode p = Envelopes.payload(envelope);
    p.put("event_id", c.eventId());
    p.put("event_type", c.kind());
    p.put("user_id", c.userId());
    put(p, "session_id", c.sessionId());
    put(p, "product_id", c.productId());
    put(p, "category", c.category());
    if (c.price() != null) {
      p.put("price", c.price());
    }
    if (c.quantity() != null) {
      p.put("quantity", c.quantity());
    }
    put(p, "page_url", c.pageUrl());
    put(p, "referrer", c.referrer());
    put(p, "device_type", c.deviceType());
    put(p, "geo_country", c.geoCountry());
    return Envelopes.bytes(envelope);
  }

  /** A purchase with a negative price: one dead letter. */
  public static List<Malformed> malformed() {
    return List.of(
        Malformed.of(
            "u-bad",
            "{\"event_id\":\"bad\",\"event_type\":\"clickstream.purchase\","
                + "\"timestamp\":\"2026-11-26T12:00:00.000Z\",\"payload\":{\"event_type\":"
                + "\"purchase\",\"user_id\":\"u-bad\",\"device_type\":\"desktop\",\"category\":"
                + "\"books\",\"geo_country\":\"DE\",\"price\":-1,\"quantity\":1}}",
            "INVALID_FIELD"));
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
