package io.freshet.pipelines.clickstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.common.DeadLetterRecord;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.testing.CollectingSink;
import io.freshet.pipelines.testing.IngestedSource;
import io.freshet.testkit.clickstream.Click;
import io.freshet.testkit.clickstream.ClickEnvelopes;
import io.freshet.testkit.clickstream.ClickScenario;
import io.freshet.testkit.clickstream.ClickstreamReference;
import io.freshet.testkit.clickstream.ExpectedRevenue;
import io.freshet.testkit.clickstream.ExpectedSession;
import io.freshet.testkit.rows.ResultRows;
import io.freshet.testkit.windows.ExpectedLateEvent;
import io.freshet.testkit.windows.Malformed;
import io.freshet.testkit.windows.RevisionLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Test tier (c): {@link ClickstreamJob} as production wires it, on a Flink MiniCluster with an
 * in-memory bounded source and collecting sinks (no Kafka broker), against the testkit's
 * independent {@link ClickstreamReference}, every emission revision by revision.
 *
 * <p>Parallelism 1 and watermarks emitted after every record make the watermark each click meets
 * deterministic, so the late clicks land exactly where the reference puts them. The input is
 * bounded: at its end the watermark goes to {@code Long.MAX_VALUE}, so every minute and every
 * session fires (the reference's {@code endOfInput}).
 */
class ClickstreamJobTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  static final long SEED = 7;
  static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
  static final long OUT_OF_ORDERNESS = Duration.ofSeconds(10).toMillis();
  static final Duration LATENESS = Duration.ofMinutes(5);

  @Test
  void revenueSessionsRetractionsAndLateEventsEqualTheReferenceRevisionByRevision()
      throws Exception {
    // Given 72 minutes of shoppers arriving up to 3 s out of order, sessions at the gap boundary,
    // then four late clicks (a revenue revision, a session start moved back, one too late for
    // revenue, one too late for sessions), and a malformed record first
    ClickScenario scenario = ClickScenario.windowSemantics(SEED, T0);
    List<Click> arrivals = scenario.arrivals();
    List<IngestedSource.Raw> records = new ArrayList<>();
    for (Malformed bad : scenario.malformed()) {
      records.add(new IngestedSource.Raw(bad.key(), bad.value(), T0.toEpochMilli()));
    }
    for (Click c : arrivals) {
      records.add(
          new IngestedSource.Raw(
              c.userId().getBytes(StandardCharsets.UTF_8),
              ClickEnvelopes.encode(c, "job-test"),
              c.eventTime()));
    }

    // When the job runs over them to the end of the input
    CollectingSink<RevenueRow> revenue = new CollectingSink<>();
    CollectingSink<SessionRow> sessions = new CollectingSink<>();
    CollectingSink<LateEvent> late = new CollectingSink<>();
    CollectingSink<DeadLetterRecord> deadLetters = new CollectingSink<>();
    ClickstreamJobIo io =
        new ClickstreamJobIo(
            IngestedSource.of(ClickstreamTopics.CLICKSTREAM_EVENTS.name(), records, deserializer()),
            IngestedSource.perEventWatermarks(OUT_OF_ORDERNESS),
            revenue,
            sessions,
            late,
            deadLetters,
            new DiscardingSink<>(),
            new DiscardingSink<>());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    new ClickstreamJob(io, LATENESS).wireInto(env);
    JobClient job = env.executeAsync("clickstream-job-test");
    job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

    // Then every (key, revision) of both outputs appears once and equals the reference's
    ClickstreamReference.Result expected =
        ClickstreamReference.compute(
            arrivals,
            new ClickstreamReference.Settings(LATENESS, Duration.ofMillis(OUT_OF_ORDERNESS), true));
    RevisionLog<ExpectedRevenue> revenueLog =
        new RevisionLog<>("revenue", ExpectedRevenue::key, ExpectedRevenue::revision);
    revenue.values().forEach(r -> revenueLog.add(ResultRows.revenue(r)));
    assertThat(revenueLog.problemsInEveryRevision(expected.revenue(), ExpectedRevenue::matches))
        .isEmpty();
    RevisionLog<ExpectedSession> sessionLog =
        new RevisionLog<>("session", ExpectedSession::key, ExpectedSession::revision);
    sessions.values().forEach(s -> sessionLog.add(ResultRows.session(s)));
    assertThat(sessionLog.problemsInEveryRevision(expected.sessions(), ExpectedSession::equals))
        .isEmpty();
    assertThat(late.values().stream().map(ResultRows::late).toList())
        .containsExactlyInAnyOrderElementsOf(expected.lateEvents());
    assertThat(deadLetters.values().stream().map(d -> d.errorType().name()).toList())
        .containsExactlyInAnyOrderElementsOf(
            scenario.malformed().stream().map(Malformed::errorType).toList());

    // and the comparison is not vacuous: the planted patterns are in the reference
    assertThat(expected.finalRevenue())
        .filteredOn(r -> r.revision() > 0)
        .extracting(ExpectedRevenue::key, ExpectedRevenue::revision)
        .containsExactly(tuple("DE|books|" + scenario.at(70, 0), 1));
    assertThat(expected.finalSessions())
        .filteredOn(ExpectedSession::retracted)
        .extracting(ExpectedSession::key, ExpectedSession::revision)
        .containsExactly(tuple("u-m|desktop|" + scenario.at(38, 30), 1));
    assertThat(expected.finalSessions())
        .filteredOn(s -> s.userId().equals("u-m") && !s.retracted())
        .extracting(ExpectedSession::sessionStart, ExpectedSession::eventsInSession)
        .containsExactly(tuple(scenario.merging().eventTime(), 3L));
    assertThat(expected.finalSessions())
        .filteredOn(s -> s.userId().equals("u-a"))
        .extracting(ExpectedSession::sessionStart, ExpectedSession::eventsInSession)
        .as("clicks exactly 30 min apart are two sessions")
        .containsExactlyInAnyOrder(tuple(scenario.at(2, 0), 2L), tuple(scenario.at(33, 0), 1L));
    assertThat(expected.lateEvents())
        .extracting(ExpectedLateEvent::pipeline, ExpectedLateEvent::eventId)
        .containsExactlyInAnyOrder(
            tuple(ClickstreamReference.REVENUE, scenario.tooLateForRevenue().eventId()),
            tuple(ClickstreamReference.SESSIONS, scenario.tooLateForSessions().eventId()));
  }

  private static IngestingDeserializationSchema<ClickEvent> deserializer() {
    return new IngestingDeserializationSchema<>(
        ClickstreamTopics.CLICKSTREAM_EVENTS.valueCodec(),
        ClickEvent::eventTime,
        PipelineId.of(ClickstreamJob.NAME),
        TypeInformation.of(new TypeHint<Ingested<ClickEvent>>() {}));
  }
}
