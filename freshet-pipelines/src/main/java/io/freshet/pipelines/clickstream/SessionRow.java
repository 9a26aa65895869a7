package io.freshet.pipelines.clickstream;

/**
 * The {@code sessions} output; a row with {@code retracted} true withdraws the session that started
 * at {@code sessionStart} because a late event merged it into another.
 */
public record SessionRow(
    String userId,
    String deviceType,
    long eventsInSession,
    String[] categoriesViewed,
    boolean converted,
    long sessionStart,
    long sessionEnd,
    int revision,
    boolean retracted) {

  /** The natural key downstream upserts use. */
  public String key() {
    return userId + "|" + deviceType + "|" + sessionStart;
  }
}
