package io.freshet.core.clickstream;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One shopper's session on one device type, or the retraction of a session that a late event merged
 * into another: the {@code sessions} topic and table.
 *
 * <p>Categories are a {@code String[]} rather than a {@code List} so the row stays a Flink POJO;
 * the accessor returns a copy.
 *
 * @param sessionStart event time of the first event, epoch milliseconds (part of the key)
 * @param sessionEnd event time of the last event, epoch milliseconds
 * @param categoriesViewed sorted distinct categories
 * @param revision 0 for the first emission, incremented by each update of the session
 * @param retracted true when this session no longer exists because it was merged into another
 */
public record SessionRow(
    String userId,
    String deviceType,
    long sessionStart,
    long sessionEnd,
    long eventsInSession,
    String[] categoriesViewed,
    boolean converted,
    int revision,
    boolean retracted) {

  public SessionRow {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(deviceType, "deviceType");
    categoriesViewed = categoriesViewed.clone();
    for (String category : categoriesViewed) {
      Objects.requireNonNull(category, "category");
    }
  }

  /** The live row of a session aggregate. */
  public static SessionRow of(
      String userId, String deviceType, SessionAggregate session, int revision) {
    return new SessionRow(
        userId,
        deviceType,
        session.sessionStart(),
        session.sessionEnd(),
        session.eventsInSession(),
        session.categoriesViewed(),
        session.converted(),
        revision,
        false);
  }

  /** This session marked retracted at the given revision, keyed by the same session start. */
  public SessionRow retract(int newRevision) {
    return new SessionRow(
        userId,
        deviceType,
        sessionStart,
        sessionEnd,
        eventsInSession,
        categoriesViewed,
        converted,
        newRevision,
        true);
  }

  /** The natural key downstream upserts use. */
  public String key() {
    return userId + "|" + deviceType + "|" + sessionStart;
  }

  /** The sorted distinct categories; a copy. */
  @Override
  public String[] categoriesViewed() {
    return categoriesViewed.clone();
  }

  /** The sorted distinct categories as an unmodifiable list. */
  public List<String> categoryList() {
    return List.of(categoriesViewed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionRow s
        && userId.equals(s.userId)
        && deviceType.equals(s.deviceType)
        && sessionStart == s.sessionStart
        && sessionEnd == s.sessionEnd
        && eventsInSession == s.eventsInSession
        && Arrays.equals(categoriesViewed, s.categoriesViewed)
        && converted == s.converted
        && revision == s.revision
        && retracted == s.retracted;
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, deviceType, sessionStart, revision, retracted)
        + 31 * Arrays.hashCode(categoriesViewed);
  }

  @Override
  public String toString() {
    return "SessionRow["
        + userId
        + ", "
        + deviceType
        + ", sessionStart="
        + sessionStart
        + ", sessionEnd="
        + sessionEnd
        + ", eventsInSession="
        + eventsInSession
        + ", categoriesViewed="
        + Arrays.toString(categoriesViewed)
        + ", converted="
        + converted
        + ", revision="
        + revision
        + ", retracted="
        + retracted
        + "]";
  }
}
