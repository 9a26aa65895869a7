package io.freshet.core.clickstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The reference sessionisation rule: per (user_id, device_type), a new session starts when an event
 * comes {@link #GAP} or more after the previous one in event time; the gap is exclusive, so two
 * events exactly 30 min apart are two sessions and 30 min − 1 ms apart are one.
 *
 * <p>Flink's session windows merge windows that merely touch ({@code TimeWindow.intersects} is
 * {@code start <= other.end && end >= other.start}), so {@code withGap(30 min)} would put events
 * exactly 30 min apart into one session. A job reproduces this rule with {@link
 * #FLINK_SESSION_GAP}, one millisecond (the event-time resolution) shorter.
 */
public final class Sessions {
  /** The inactivity that ends a session. */
  public static final Duration GAP = Duration.ofMinutes(30);

  /** The gap to give Flink's event-time session windows so they agree with {@link #GAP}. */
  public static final Duration FLINK_SESSION_GAP = GAP.minusMillis(1);

  private static final long GAP_MILLIS = GAP.toMillis();

  private Sessions() {}

  /** True when an event at {@code eventTime} starts a new session after one at {@code previous}. */
  public static boolean startsNewSession(long previous, long eventTime) {
    return eventTime - previous >= GAP_MILLIS;
  }

  /**
   * The sessions of one key's events, in any arrival order, oldest session first. Events are taken
   * in event-time order, so a late event that fills a gap joins the sessions on both sides of it.
   */
  public static List<SessionAggregate> sessionize(Collection<ClickEvent> events) {
    List<ClickEvent> ordered = new ArrayList<>(events);
    ordered.sort(Comparator.comparingLong(ClickEvent::eventTime));
    List<SessionAggregate> sessions = new ArrayList<>();
    SessionAggregate current = SessionAggregate.empty();
    for (ClickEvent event : ordered) {
      if (!current.isEmpty() && startsNewSession(current.sessionEnd(), event.eventTime())) {
        sessions.add(current);
        current = SessionAggregate.empty();
      }
      current = current.add(event);
    }
    if (!current.isEmpty()) {
      sessions.add(current);
    }
    return List.copyOf(sessions);
  }

  /** The sessions of every (user_id, device_type) among the events, keys in sorted order. */
  public static SortedMap<SessionKey, List<SessionAggregate>> sessionizeByUserAndDevice(
      Collection<ClickEvent> events) {
    Map<SessionKey, List<ClickEvent>> byKey = new TreeMap<>();
    for (ClickEvent event : events) {
      byKey.computeIfAbsent(SessionKey.of(event), key -> new ArrayList<>()).add(event);
    }
    SortedMap<SessionKey, List<SessionAggregate>> sessions = new TreeMap<>();
    byKey.forEach((key, keyEvents) -> sessions.put(key, sessionize(keyEvents)));
    return sessions;
  }
}
