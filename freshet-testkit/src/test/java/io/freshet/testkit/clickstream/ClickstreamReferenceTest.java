package io.freshet.testkit.clickstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.freshet.testkit.windows.ExpectedLateEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickstreamReferenceTest {
  static final long T0 = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
  static final long MIN = 60_000;

  @Test
  void clicksExactlyThirtyMinutesApartAreTwoSessionsAndOneMillisecondLessIsOne() {
    // Given u1's clicks exactly 30 min apart and u2's 30 min - 1 ms apart
    List<Click> clicks =
        List.of(
            ClickGenerator.view("a", "u1", T0, "books"),
            ClickGenerator.view("b", "u2", T0, "books"),
            ClickGenerator.view("c", "u2", T0 + 30 * MIN - 1, "toys"),
            ClickGenerator.view("d", "u1", T0 + 30 * MIN, "toys"));

    // When the reference runs to the end of the input
    ClickstreamReference.Result result =
        ClickstreamReference.compute(clicks, ClickstreamReference.Settings.defaults());

    // Then u1 has two sessions and u2 one with both categories
    assertThat(result.finalSessions())
        .extracting(
            ExpectedSession::userId,
            ExpectedSession::sessionStart,
            ExpectedSession::eventsInSession,
            ExpectedSession::categoriesViewed)
        .containsExactlyInAnyOrder(
            tuple("u1", T0, 1L, List.of("books")),
            tuple("u1", T0 + 30 * MIN, 1L, List.of("toys")),
            tuple("u2", T0, 2L, List.of("books", "toys")));
  }

  @Test
  void aLateClickBeforeAnEmittedSessionRetractsItsOldStart() {
    // Given a session at T0+10m that has been emitted (later clicks moved the watermark past it)
    // and then a click 1 min before its start, within the allowed lateness
    List<Click> clicks =
        List.of(
            ClickGenerator.view("a", "u1", T0 + 10 * MIN, "books"),
            ClickGenerator.view("b", "u9", T0 + 41 * MIN, "books"),
            ClickGenerator.view("c", "u1", T0 + 9 * MIN, "toys"));

    // When the reference runs to the end of the input
    ClickstreamReference.Result result =
        ClickstreamReference.compute(clicks, ClickstreamReference.Settings.defaults());

    // Then the old start is retracted (revision 1) and the merged session starts at T0+9m
    assertThat(result.sessions())
        .filteredOn(s -> s.userId().equals("u1"))
        .extracting(
            ExpectedSession::sessionStart,
            ExpectedSession::revision,
            ExpectedSession::retracted,
            ExpectedSession::eventsInSession)
        .containsExactly(
            tuple(T0 + 10 * MIN, 0, false, 1L),
            tuple(T0 + 10 * MIN, 1, true, 0L),
            tuple(T0 + 9 * MIN, 0, false, 2L));
  }

  @Test
  void revenueIsExactWithALateRevisionAndATooLatePurchase() {
    // Given two purchases in minute T0, a later click moving the watermark past it, a late one
    // within the allowed lateness, then a click moving the watermark past its lateness and a
    // purchase too late
    List<Click> clicks =
        List.of(
            ClickGenerator.purchase("a", "u1", T0 + 1_000, "DE", "books", "0.10", 1),
            ClickGenerator.purchase("b", "u2", T0 + 2_000, "DE", "books", "0.20", 3),
            ClickGenerator.view("c", "u3", T0 + 2 * MIN, "books"),
            ClickGenerator.purchase("d", "u1", T0 + 3_000, "DE", "books", "0.05", 1),
            ClickGenerator.view("e", "u3", T0 + 7 * MIN, "books"),
            ClickGenerator.purchase("f", "u4", T0 + 4_000, "DE", "books", "9.99", 1));

    // When the reference runs to the end of the input
    ClickstreamReference.Result result =
        ClickstreamReference.compute(clicks, ClickstreamReference.Settings.defaults());

    // Then the minute is emitted twice with exact sums, and the last purchase is a late event
    assertThat(result.revenue())
        .extracting(
            ExpectedRevenue::revenue,
            ExpectedRevenue::orderCount,
            ExpectedRevenue::avgOrderValue,
            ExpectedRevenue::uniqueBuyers,
            ExpectedRevenue::revision)
        .containsExactly(
            tuple(new BigDecimal("0.70"), 2L, new BigDecimal("0.35"), 2L, 0),
            tuple(new BigDecimal("0.75"), 3L, new BigDecimal("0.25"), 2L, 1));
    assertThat(result.lateEvents())
        .extracting(ExpectedLateEvent::pipeline, ExpectedLateEvent::eventId)
        .containsExactly(tuple(ClickstreamReference.REVENUE, "f"));
  }
}
