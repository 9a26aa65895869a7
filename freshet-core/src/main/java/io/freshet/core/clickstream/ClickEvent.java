package io.freshet.core.clickstream;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A validated clickstream event with its envelope identity.
 *
 * <p>Prices are {@link BigDecimal}s holding the decimal the producer wrote (19.99 stays 19.99), so
 * revenue sums are exact.
 *
 * @param eventId the envelope's event_id
 * @param eventTime event time in epoch milliseconds, from the envelope's timestamp
 * @param kind what happened; agrees with both the envelope's and the payload's event_type
 * @param userId the shopper, never blank; the Kafka key
 * @param sessionId the producer's session id, or null; sessions are computed by gap, not from it
 * @param productId or null
 * @param category the product category; never null for a purchase
 * @param price the unit price, at least 0; never null for a purchase
 * @param quantity the number of units, at least 1; never null for a purchase
 * @param pageUrl or null
 * @param referrer or null
 * @param deviceType e.g. mobile, never blank
 * @param geoCountry the shopper's country; never null for a purchase
 */
public record ClickEvent(
    String eventId,
    long eventTime,
    ClickKind kind,
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

  public ClickEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(deviceType, "deviceType");
    if (price != null && price.signum() < 0) {
      throw new IllegalArgumentException("price must be >= 0, was " + price);
    }
    if (quantity != null && quantity < 1) {
      throw new IllegalArgumentException("quantity must be >= 1, was " + quantity);
    }
    if (kind == ClickKind.PURCHASE) {
      Objects.requireNonNull(category, "a purchase's category");
      Objects.requireNonNull(price, "a purchase's price");
      Objects.requireNonNull(quantity, "a purchase's quantity");
      Objects.requireNonNull(geoCountry, "a purchase's geoCountry");
    }
  }

  /** True for a purchase. */
  public boolean isPurchase() {
    return kind == ClickKind.PURCHASE;
  }

  /**
   * The order's value, price × quantity, exactly.
   *
   * @throws IllegalStateException when the event has no price or quantity
   */
  public BigDecimal orderValue() {
    if (price == null || quantity == null) {
      throw new IllegalStateException(eventId + " has no price and quantity");
    }
    return price.multiply(BigDecimal.valueOf(quantity));
  }
}
