package io.freshet.pipelines.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.ClickKind;
import io.freshet.core.clickstream.SessionAggregate;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.clickstream.Sessions;
import io.freshet.pipelines.common.Arrival;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The session window as the job builds it: revision, retraction and cleanup after lateness. */
class SessionWindowStateTest {
  static final long T0 = Instant.parse("2026-11-26T12:00:00.000Z").toEpochMilli();
  static final long MIN = 60_000;
  static final Duration LATENESS = Duration.ofMinutes(5);

  static Arrival<ClickEvent> click(long time, String category) {
    return new Arrival<>(
        new ClickEvent(
            "c-" + time,
            time,
            ClickKind.PAGE_VIEW,
            "u1",
            "s1",
            "p1",
            category,
            null,
            null,
            "/",
            null,
            "mobile",
            "DE"),
        time);
  }

  KeyedOneInputStreamOperatorTestHarness<String, Arrival<ClickEvent>, SessionRow> harness()
      throws Exception {
    TypeInformation<Arrival<ClickEvent>> type =
        TypeInformation.of(new TypeHint<Arrival<ClickEvent>>() {});
    KeySelector<Arrival<ClickEvent>, String> key =
        a -> ClickKeys.of(a.event().userId(), a.event().deviceType());
    WindowOperatorBuilder<Arrival<ClickEvent>, String, TimeWindow> builder =
        new WindowOperatorBuilder<>(
            EventTimeSessionWindows.withGap(Sessions.FLINK_SESSION_GAP),
            EventTimeTrigger.create(),
            new ExecutionConfig(),
            type,
            key,
            Types.STRING);
    builder.allowedLateness(LATENESS);
    return new KeyedOneInputStreamOperatorTestHarness<>(
        builder.aggregate(
            new SessionAggregator(),
            new SessionWindowFunction(),
            TypeInformation.of(SessionAggregate.class)),
        key,
        Types.STRING);
  }

  void send(
      KeyedOneInputStreamOperatorTestHarness<String, Arrival<ClickEvent>, SessionRow> h,
      Arrival<ClickEvent> c)
      throws Exception {
    h.processElement(c, c.event().eventTime());
  }

  @Test
  void aLateClickBeforeTheStartRetractsTheOldSessionAndStateGoesAfterLateness() throws Exception {
    try (var h = harness()) {
      h.open();
      // Given a session of two clicks, closed by the watermark 30 min after the last one
      send(h, click(T0 + 10 * MIN, "books"));
      send(h, click(T0 + 11 * MIN, "toys"));
      h.processWatermark(T0 + 41 * MIN);
      // When a late click lands two minutes before its start
      send(h, click(T0 + 8 * MIN, "garden"));
      // Then the old session is retracted and the merged one starts at the late click
      assertThat(h.extractOutputValues())
          .extracting(
              SessionRow::sessionStart,
              SessionRow::eventsInSession,
              SessionRow::revision,
              SessionRow::retracted)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(T0 + 10 * MIN, 2L, 0, false),
              org.assertj.core.groups.Tuple.tuple(T0 + 10 * MIN, 0L, 1, true),
              org.assertj.core.groups.Tuple.tuple(T0 + 8 * MIN, 3L, 0, false));
      // When event time passes the session's end plus the allowed lateness
      h.processWatermark(T0 + 11 * MIN + 30 * MIN + LATENESS.toMillis());
      // Then no window contents, merge bookkeeping, emitted-session memory or timers are left
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void clicksExactlyThirtyMinutesApartAreTwoSessions() throws Exception {
    try (var h = harness()) {
      h.open();
      send(h, click(T0, "books"));
      send(h, click(T0 + 30 * MIN, "toys"));
      h.processWatermark(T0 + 61 * MIN);
      assertThat(h.extractOutputValues())
          .extracting(SessionRow::sessionStart, SessionRow::eventsInSession)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(T0, 1L),
              org.assertj.core.groups.Tuple.tuple(T0 + 30 * MIN, 1L));
    }
  }
}
