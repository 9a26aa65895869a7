package io.freshet.core.clickstream;

import java.util.Comparator;
import java.util.Objects;

/**
 * What sessions are kept apart by: one shopper on one device type.
 *
 * @param userId the shopper
 * @param deviceType the device type, e.g. mobile
 */
public record SessionKey(String userId, String deviceType) implements Comparable<SessionKey> {

  private static final Comparator<SessionKey> ORDER =
      Comparator.comparing(SessionKey::userId).thenComparing(SessionKey::deviceType);

  public SessionKey {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(deviceType, "deviceType");
  }

  /** The session key of an event. */
  public static SessionKey of(ClickEvent event) {
    return new SessionKey(event.userId(), event.deviceType());
  }

  /** By user id, then device type. */
  @Override
  public int compareTo(SessionKey other) {
    return ORDER.compare(this, other);
  }
}
