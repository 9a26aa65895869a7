package io.freshet.core.clickstream;

import java.util.Locale;
import java.util.Optional;

/** What a shopper did; the envelope event_type is {@code clickstream.<wire name>}. */
public enum ClickKind {
  PAGE_VIEW,
  SEARCH,
  ADD_TO_CART,
  PURCHASE;

  private static final String EVENT_TYPE_PREFIX = "clickstream.";

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The payload's event_type, e.g. {@code add_to_cart}. */
  public String wireName() {
    return wireName;
  }

  /** The envelope's event_type, e.g. {@code clickstream.add_to_cart}. */
  public String eventType() {
    return EVENT_TYPE_PREFIX + wireName;
  }

  /** The kind with exactly this wire name (lowercase), or empty. */
  public static Optional<ClickKind> fromWireName(String name) {
    for (ClickKind kind : values()) {
      if (kind.wireName.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The kind whose envelope event_type this is, or empty. */
  public static Optional<ClickKind> fromEventType(String eventType) {
    for (ClickKind kind : values()) {
      if (kind.eventType().equals(eventType)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
