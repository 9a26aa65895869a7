package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.clickstream.Sessions;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.common.Arrival;
import io.freshet.pipelines.common.DeadLetterSplitFunction;
import io.freshet.pipelines.common.DeadLetterSplitFunction.DeadLetters;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.LateEventFunction;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * Wires the clickstream pipeline: revenue per minute per (country, category) and sessions per
 * (user, device) with a 30-minute gap, both revised by late clicks within the allowed lateness,
 * with too-late clicks reported per sub-pipeline on the late-events topic.
 */
public final class ClickstreamJob {
  /** The Flink job name and the pipeline label of its metrics and dead letters. */
  public static final String NAME = "clickstream";

  /** Late-event pipeline names: a click can be too late for one and in time for the other. */
  public static final String REVENUE = "clickstream-revenue";

  public static final String SESSIONS = "clickstream-sessions";

  public static final Duration MINUTE = Duration.ofMinutes(1);

  private static final TypeInformation<Arrival<ClickEvent>> ARRIVAL =
      TypeInformation.of(new TypeHint<Arrival<ClickEvent>>() {});
  private static final OutputTag<Arrival<ClickEvent>> LATE_FOR_REVENUE =
      new OutputTag<>("late-for-revenue", ARRIVAL);
  private static final OutputTag<Arrival<ClickEvent>> LATE_FOR_SESSIONS =
      new OutputTag<>("late-for-sessions", ARRIVAL);

  private final ClickstreamJobIo io;
  private final Duration allowedLateness;

  public ClickstreamJob(ClickstreamJobIo io, Duration allowedLateness) {
    this.io = io;
    this.allowedLateness = allowedLateness;
  }

  /** Adds the pipeline's operators to {@code env}. */
  public void wireInto(StreamExecutionEnvironment env) {
    DataStream<Ingested<ClickEvent>> ingested =
        env.fromSource(io.clicks(), io.watermarks(), "clickstream-source")
            .uid("clickstream-source");
    SingleOutputStreamOperator<Arrival<ClickEvent>> clicks =
        ingested
            .process(new DeadLetterSplitFunction<ClickEvent>())
            .returns(ARRIVAL)
            .uid("validate-clicks")
            .name("validate-clicks");
    clicks
        .getSideOutput(DeadLetters.TAG)
        .sinkTo(io.deadLetters())
        .uid("click-dead-letters-sink")
        .name("click-dead-letters-sink");

    SingleOutputStreamOperator<RevenueRow> revenue =
        clicks
            .filter(a -> a.event().isPurchase())
            .uid("purchases")
            .name("purchases")
            .keyBy(
                a -> ClickKeys.of(a.event().geoCountry(), a.event().category()),
                TypeInformation.of(String.class))
            .window(TumblingEventTimeWindows.of(MINUTE))
            .allowedLateness(allowedLateness)
            .sideOutputLateData(LATE_FOR_REVENUE)
            .aggregate(new RevenueAggregator(), new RevenueWindowFunction())
            .uid("revenue-per-minute")
            .name("revenue-per-minute");
    revenue.sinkTo(io.revenue()).uid("revenue-sink").name("revenue-sink");
    revenue.sinkTo(io.revenueStore()).uid("revenue-store-sink").name("revenue-store-sink");

    SingleOutputStreamOperator<SessionRow> sessions =
        clicks
            .keyBy(
                a -> ClickKeys.of(a.event().userId(), a.event().deviceType()),
                TypeInformation.of(String.class))
            .window(EventTimeSessionWindows.withGap(Sessions.FLINK_SESSION_GAP))
            .allowedLateness(allowedLateness)
            .sideOutputLateData(LATE_FOR_SESSIONS)
            .aggregate(new SessionAggregator(), new SessionWindowFunction())
            .uid("sessions")
            .name("sessions");
    sessions.sinkTo(io.sessions()).uid("sessions-sink").name("sessions-sink");
    sessions.sinkTo(io.sessionStore()).uid("sessions-store-sink").name("sessions-store-sink");

    revenue
        .getSideOutput(LATE_FOR_REVENUE)
        .process(new LateEventFunction<>(REVENUE, new LateClicks(true)))
        .returns(LateEvent.class)
        .uid("revenue-late-events")
        .name("revenue-late-events")
        .union(
            sessions
                .getSideOutput(LATE_FOR_SESSIONS)
                .process(new LateEventFunction<>(SESSIONS, new LateClicks(false)))
                .returns(LateEvent.class)
                .uid("session-late-events")
                .name("session-late-events"))
        .sinkTo(io.lateEvents())
        .uid("click-late-events-sink")
        .name("click-late-events-sink");
  }

  /** Describes a click too late for its revenue minute or for its session. */
  static final class LateClicks implements LateEventFunction.Describer<ClickEvent> {
    private static final long serialVersionUID = 1L;
    private final boolean revenue;

    LateClicks(boolean revenue) {
      this.revenue = revenue;
    }

    @Override
    public String eventId(ClickEvent e) {
      return e.eventId();
    }

    @Override
    public String key(ClickEvent e) {
      return revenue
          ? ClickKeys.of(e.geoCountry(), e.category())
          : ClickKeys.of(e.userId(), e.deviceType());
    }

    @Override
    public long eventTime(ClickEvent e) {
      return e.eventTime();
    }

    @Override
    public long windowStart(ClickEvent e) {
      return revenue
          ? e.eventTime() - Math.floorMod(e.eventTime(), MINUTE.toMillis())
          : e.eventTime();
    }

    @Override
    public long windowEnd(ClickEvent e) {
      return revenue ? windowStart(e) + MINUTE.toMillis() : e.eventTime() + Sessions.GAP.toMillis();
    }
  }
}
