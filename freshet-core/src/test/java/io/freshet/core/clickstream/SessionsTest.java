package io.freshet.core.clickstream;

import static io.freshet.core.clickstream.ClickEvents.click;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionsTest {
  static final long T0 = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
  static final long T0_PLUS_10M = Instant.parse("2026-11-26T12:10:00Z").toEpochMilli();
  static final long T0_PLUS_29M59_999 = Instant.parse("2026-11-26T12:29:59.999Z").toEpochMilli();
  static final long T0_PLUS_30M = Instant.parse("2026-11-26T12:30:00Z").toEpochMilli();
  static final long T0_PLUS_35M = Instant.parse("2026-11-26T12:35:00Z").toEpochMilli();
  static final long T0_PLUS_65M = Instant.parse("2026-11-26T13:05:00Z").toEpochMilli();

  @Test
  void twoEventsExactlyThirtyMinutesApartAreTwoSessions() {
    // Given events at 12:00:00.000 and 12:30:00.000
    List<ClickEvent> events =
        List.of(
            click(ClickKind.PAGE_VIEW, T0, "kitchen"),
            click(ClickKind.PAGE_VIEW, T0_PLUS_30M, "toys"));

    // When sessionised / Then the 30 min gap (exclusive) ends the first session
    assertThat(Sessions.startsNewSession(T0, T0_PLUS_30M)).isTrue();
    assertThat(Sessions.sessionize(events))
        .containsExactly(
            new SessionAggregate(1, new String[] {"kitchen"}, false, T0, T0),
            new SessionAggregate(1, new String[] {"toys"}, false, T0_PLUS_30M, T0_PLUS_30M));
  }

  @Test
  void twoEventsOneMillisecondLessThanThirtyMinutesApartAreOneSession() {
    // Given events at 12:00:00.000 and 12:29:59.999
    List<ClickEvent> events =
        List.of(
            click(ClickKind.PAGE_VIEW, T0, "kitchen"),
            click(ClickKind.PAGE_VIEW, T0_PLUS_29M59_999, "toys"));

    // When sessionised / Then they share one session
    assertThat(Sessions.startsNewSession(T0, T0_PLUS_29M59_999)).isFalse();
    assertThat(Sessions.sessionize(events))
        .containsExactly(
            new SessionAggregate(
                2, new String[] {"kitchen", "toys"}, false, T0, T0_PLUS_29M59_999));
  }

  @Test
  void theGapIsMeasuredFromTheLastEventNotTheFirst() {
    // Given events at 12:00, 12:10, 12:35 (each within 30 min of the previous) and 13:05
    List<ClickEvent> events =
        List.of(
            click(ClickKind.PAGE_VIEW, T0, null),
            click(ClickKind.PAGE_VIEW, T0_PLUS_10M, null),
            click(ClickKind.PURCHASE, T0_PLUS_35M, "kitchen"),
            click(ClickKind.PAGE_VIEW, T0_PLUS_65M, null));

    // When sessionised / Then 12:00–12:35 is one converted session and 13:05 (30 min later) another
    assertThat(Sessions.sessionize(events))
        .containsExactly(
            new SessionAggregate(3, new String[] {"kitchen"}, true, T0, T0_PLUS_35M),
            new SessionAggregate(1, new String[0], false, T0_PLUS_65M, T0_PLUS_65M));
  }

  @Test
  void aLateEventFillingTheGapMergesTwoSessions() {
    // Given 12:00 and 12:35, two sessions, and then a late 12:10 arriving last
    ClickEvent first = click(ClickKind.PAGE_VIEW, T0, "kitchen");
    ClickEvent second = click(ClickKind.PAGE_VIEW, T0_PLUS_35M, "toys");
    ClickEvent late = click(ClickKind.SEARCH, T0_PLUS_10M, null);
    assertThat(Sessions.sessionize(List.of(first, second))).hasSize(2);

    // When all three are sessionised in arrival order
    List<SessionAggregate> sessions = Sessions.sessionize(List.of(first, second, late));

    // Then one session from 12:00 to 12:35 holds all three
    assertThat(sessions)
        .containsExactly(
            new SessionAggregate(3, new String[] {"kitchen", "toys"}, false, T0, T0_PLUS_35M));
  }

  @Test
  void sessionsAreKeptApartPerUserAndDeviceType() {
    // Given user-9 on mobile and desktop, and user-1 on mobile, all at 12:00 and 12:10
    ClickEvent mobile = click(ClickKind.PAGE_VIEW, T0, "kitchen");
    ClickEvent mobileLater = click(ClickKind.PAGE_VIEW, T0_PLUS_10M, null);
    ClickEvent desktop = withUserAndDevice(mobile, "user-9", "desktop");
    ClickEvent otherUser = withUserAndDevice(mobileLater, "user-1", "mobile");

    // When sessionised by key
    Map<SessionKey, List<SessionAggregate>> sessions =
        Sessions.sessionizeByUserAndDevice(List.of(mobile, desktop, otherUser, mobileLater));

    // Then three keys in sorted order, each with its own session
    assertThat(sessions.keySet())
        .containsExactly(
            new SessionKey("user-1", "mobile"),
            new SessionKey("user-9", "desktop"),
            new SessionKey("user-9", "mobile"));
    assertThat(sessions.get(new SessionKey("user-9", "mobile")))
        .containsExactly(new SessionAggregate(2, new String[] {"kitchen"}, false, T0, T0_PLUS_10M));
    assertThat(sessions.get(new SessionKey("user-9", "desktop")))
        .containsExactly(new SessionAggregate(1, new String[] {"kitchen"}, false, T0, T0));
    assertThat(sessions.get(new SessionKey("user-1", "mobile")))
        .containsExactly(new SessionAggregate(1, new String[0], false, T0_PLUS_10M, T0_PLUS_10M));
  }

  @Test
  void noEventsMakeNoSessions() {
    assertThat(Sessions.sessionize(List.of())).isEmpty();
  }

  @Test
  void flinkGapIsOneMillisecondShorterBecauseFlinkMergesTouchingWindows() {
    // Given Flink windows [t, t + gap) merge when they merely touch,
    // When the Flink gap is 30 min − 1 ms, the windows of events 30 min apart do not touch
    Duration gap = Sessions.FLINK_SESSION_GAP;
    long firstWindowEnd = T0 + gap.toMillis();

    // Then events exactly 30 min apart stay apart and events 30 min − 1 ms apart merge,
    // the same verdicts as the reference rule
    assertThat(gap).isEqualTo(Duration.ofMinutes(30).minusMillis(1));
    assertThat(T0_PLUS_30M <= firstWindowEnd).isFalse();
    assertThat(T0_PLUS_29M59_999 <= firstWindowEnd).isTrue();
  }

  private static ClickEvent withUserAndDevice(ClickEvent e, String userId, String deviceType) {
    BigDecimal price = e.price();
    return new ClickEvent(
        e.eventId() + "-" + userId + "-" + deviceType,
        e.eventTime(),
        e.kind(),
        userId,
        e.sessionId(),
        e.productId(),
        e.category(),
        price,
        e.quantity(),
        e.pageUrl(),
        e.referrer(),
        deviceType,
        e.geoCountry());
  }
}
