package io.freshet.testkit.clickstream;

import java.math.BigDecimal;

/**
 * A generated click, the testkit's own view of a {@code clickstream.<kind>} envelope.
 *
 * @param kind the payload's wire name: {@code page_view}, {@code search}, {@code add_to_cart} or
 *     {@code purchase}
 * @param price unit price of a purchase, else null
 * @param quantity units of a purchase, else null
 */
public record Click(
    String eventId,
    long eventTime,
    String kind,
    String userId,
    String sessionId,
    String productId,
    String category,
    BigDecimal price,
    Integer quantity,
    String pageUrl,
    String referrer,
    String deviceType,
    String geoCountry) {

  /** The kind of a purchase. */
  public static final String PURCHASE = "purchase";

  public boolean isPurchase() {
    return PURCHASE.equals(kind);
  }
}
