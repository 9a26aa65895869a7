package io.freshet.testkit.clickstream;

import java.util.List;

/**
 * A reference {@code sessions} row; with {@code retracted} it withdraws the session that started at
 * {@code sessionStart} (then empty, with start = end).
 */
public record ExpectedSession(
    String userId,
    String deviceType,
    long eventsInSession,
    List<String> categoriesViewed,
    boolean converted,
    long sessionStart,
    long sessionEnd,
    int revision,
    boolean retracted) {

  public ExpectedSession {
    categoriesViewed = List.copyOf(categoriesViewed);
  }

  /** The natural key: user, device and session start. */
  public String key() {
    return userId + "|" + deviceType + "|" + sessionStart;
  }
}
