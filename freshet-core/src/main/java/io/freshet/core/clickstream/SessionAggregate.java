package io.freshet.core.clickstream;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one shopper did in one session: how many events, which categories, whether they bought, and
 * when the session started and ended.
 *
 * <p>Immutable; every update returns a new instance. {@link #merge} is what a session window does
 * when a late event bridges two sessions. The empty aggregate has start {@link Long#MAX_VALUE} and
 * end {@link Long#MIN_VALUE}, the identities of min and max.
 *
 * @param eventsInSession how many events of any kind the session holds
 * @param categoriesViewed the distinct categories of its events (of any kind that names one),
 *     sorted; the accessor returns a copy
 * @param converted true when the session holds at least one purchase
 * @param sessionStart event time of its first event, epoch milliseconds
 * @param sessionEnd event time of its last event, epoch milliseconds (not the window end)
 */
public record SessionAggregate(
    long eventsInSession,
    String[] categoriesViewed,
    boolean converted,
    long sessionStart,
    long sessionEnd) {

  private static final SessionAggregate EMPTY =
      new SessionAggregate(0, new String[0], false, Long.MAX_VALUE, Long.MIN_VALUE);

  public SessionAggregate {
    categoriesViewed = SortedStrings.checkedCopy(categoriesViewed, "categoriesViewed");
    if (eventsInSession < 0) {
      throw new IllegalArgumentException("eventsInSession must be >= 0, was " + eventsInSession);
    }
    if (eventsInSession == 0) {
      if (categoriesViewed.length > 0
          || converted
          || sessionStart != Long.MAX_VALUE
          || sessionEnd != Long.MIN_VALUE) {
        throw new IllegalArgumentException("an empty session has no categories, purchase or times");
      }
    } else if (sessionStart > sessionEnd) {
      throw new IllegalArgumentException(
          "sessionStart " + sessionStart + " is after sessionEnd " + sessionEnd);
    }
  }

  /** The aggregate of no events. */
  public static SessionAggregate empty() {
    return EMPTY;
  }

  /** The session of a single event. */
  public static SessionAggregate of(ClickEvent event) {
    return EMPTY.add(event);
  }

  /** True when the session holds no event. */
  public boolean isEmpty() {
    return eventsInSession == 0;
  }

  /** This session with one more event, which may be earlier than the others. */
  public SessionAggregate add(ClickEvent event) {
    String[] categories =
        event.category() == null
            ? categoriesViewed
            : SortedStrings.insert(categoriesViewed, event.category());
    return new SessionAggregate(
        eventsInSession + 1,
        categories,
        converted || event.isPurchase(),
        Math.min(sessionStart, event.eventTime()),
        Math.max(sessionEnd, event.eventTime()));
  }

  /** The session holding the events of both. */
  public SessionAggregate merge(SessionAggregate other) {
    return new SessionAggregate(
        eventsInSession + other.eventsInSession,
        SortedStrings.union(categoriesViewed, other.categoriesViewed),
        converted || other.converted,
        Math.min(sessionStart, other.sessionStart),
        Math.max(sessionEnd, other.sessionEnd));
  }

  /** The distinct categories, sorted; a copy. */
  @Override
  public String[] categoriesViewed() {
    return categoriesViewed.clone();
  }

  /** The distinct categories, sorted, as an unmodifiable list. */
  public List<String> categoryList() {
    return List.of(categoriesViewed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionAggregate s
        && eventsInSession == s.eventsInSession
        && Arrays.equals(categoriesViewed, s.categoriesViewed)
        && converted == s.converted
        && sessionStart == s.sessionStart
        && sessionEnd == s.sessionEnd;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        eventsInSession, Arrays.hashCode(categoriesViewed), converted, sessionStart, sessionEnd);
  }

  @Override
  public String toString() {
    return "SessionAggregate[eventsInSession="
        + eventsInSession
        + ", categoriesViewed="
        + Arrays.toString(categoriesViewed)
        + ", converted="
        + converted
        + ", sessionStart="
        + sessionStart
        + ", sessionEnd="
        + sessionEnd
        + "]";
  }
}
