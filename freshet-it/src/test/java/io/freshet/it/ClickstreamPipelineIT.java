package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.freshet.core.late.LateEventCodec;
import io.freshet.core.time.Timestamps;
import io.freshet.pipelines.clickstream.ClickstreamTopics;
import io.freshet.pipelines.topic.Topics;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.testkit.clickstream.Click;
import io.freshet.testkit.clickstream.ClickEnvelopes;
import io.freshet.testkit.clickstream.ClickScenario;
import io.freshet.testkit.clickstream.ClickstreamReference;
import io.freshet.testkit.clickstream.ExpectedRevenue;
import io.freshet.testkit.clickstream.ExpectedSession;
import io.freshet.testkit.kafka.TestProducer;
import io.freshet.testkit.kafka.TopicReader;
import io.freshet.testkit.rows.ResultRows;
import io.freshet.testkit.windows.ExpectedLateEvent;
import io.freshet.testkit.windows.Malformed;
import io.freshet.testkit.windows.RevisionLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clickstream pipeline on the embedded broker and MiniCluster against the testkit's independent
 * {@link ClickstreamReference} on the testkit's {@link ClickScenario}: revenue per minute with a
 * late revision, sessions split exactly at the 30 min gap, a late click moving a session's start
 * (merged row plus retraction), and clicks too late for one sub-pipeline only.
 *
 * <p>The reference models the watermark as the largest event time seen minus 10 s; the real one
 * (per partition, periodic, 3 s idleness) trails it, but the scenario's disorder (3 s) stays below
 * the bound and the late clicks are sent only once revenue up to {@link #REVENUE_UNTIL} fired,
 * where each late click's fate is the same for any watermark between that and the reference's. The
 * stream does not end, so only minutes ending by {@link #REVENUE_UNTIL} and sessions whose gap
 * closed by {@link #SESSIONS_UNTIL} are compared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickstreamPipelineIT {
  static final Instant T0 = Instant.parse("2026-11-26T12:00:00.000Z");
  static final long SEED = 7;
  static final long GAP = Duration.ofMinutes(30).toMillis();

  /** Revenue windows ending by then, and sessions whose gap closed by then, have fired. */
  static final long REVENUE_UNTIL = T0.toEpochMilli() + 71 * 60_000;

  static final long SESSIONS_UNTIL = T0.toEpochMilli() + 70 * 60_000;

  @TempDir static Path dataDir;
  FreshetPlatform platform;

  @BeforeAll
  void start() throws Exception {
    platform =
        FreshetPlatform.start(TestConfigs.inProcess(dataDir, Duration.ofSeconds(3)), line -> {});
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void revenueAndSessionsMatchTheReferenceWithRevisionsRetractionsAndLateEvents() throws Exception {
    // Given 72 minutes of generated shoppers, every session split exactly at the gap boundary for
    // u-a, a session of u-m a late click will move back, a lone u-x, an active u-m2 and a u-r
    // purchase, arriving up to 3 s out of order, and a malformed purchase
    ClickScenario scenario = ClickScenario.windowSemantics(SEED, T0);
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      scenario.onTime().forEach(c -> send(producer, c));
      for (Malformed bad : scenario.malformed()) {
        producer.send(
            new ProducerRecord<>(
                ClickstreamTopics.CLICKSTREAM_EVENTS.name(), bad.key(), bad.value()));
      }
    }
    // When, once revenue up to T0+71m has fired, four late clicks arrive
    try (TopicReader revenue = reader(ClickstreamTopics.REVENUE_PER_MINUTE.name())) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  revenue.poll().stream()
                      .map(r -> ClickstreamTopics.REVENUE_PER_MINUTE.valueCodec().decode(r.value()))
                      .anyMatch(r -> r.windowEnd() >= REVENUE_UNTIL));
    }
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      scenario.late().forEach(c -> send(producer, c));
    }

    // Then revenue per minute equals the reference, each (minute, revision) once, with the late
    // purchase as revision 1
    ClickstreamReference.Result expected =
        ClickstreamReference.compute(
            scenario.arrivals(), ClickstreamReference.Settings.defaults().withEndOfInput(false));
    List<ExpectedRevenue> expectedRevenue =
        expected.finalRevenue().stream().filter(r -> r.windowEnd() <= REVENUE_UNTIL).toList();
    assertThat(expectedRevenue)
        .filteredOn(r -> r.revision() > 0)
        .extracting(ExpectedRevenue::key, ExpectedRevenue::revision)
        .containsExactly(tuple("DE|books|" + scenario.at(70, 0), 1));
    List<ExpectedSession> expectedSessions =
        expected.finalSessions().stream()
            .filter(s -> s.sessionEnd() + GAP <= SESSIONS_UNTIL)
            .toList();
    String absorbedKey = "u-m|desktop|" + scenario.at(38, 30);
    assertThat(expectedSessions)
        .filteredOn(ExpectedSession::retracted)
        .extracting(ExpectedSession::key, ExpectedSession::revision)
        .containsExactly(tuple(absorbedKey, 1));
    assertThat(expectedSessions)
        .filteredOn(s -> s.userId().equals("u-a"))
        .extracting(ExpectedSession::sessionStart, ExpectedSession::eventsInSession)
        .as("clicks exactly 30 min apart are two sessions")
        .containsExactlyInAnyOrder(tuple(scenario.at(2, 0), 2L), tuple(scenario.at(33, 0), 1L));
    try (TopicReader revenue = reader(ClickstreamTopics.REVENUE_PER_MINUTE.name());
        TopicReader sessions = reader(ClickstreamTopics.SESSIONS.name());
        TopicReader late = reader(Topics.LATE_EVENTS.name());
        TopicReader deadLetters = reader(ClickstreamTopics.CLICKSTREAM_EVENTS_DLQ.name())) {
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                RevisionLog<ExpectedRevenue> log =
                    new RevisionLog<>("revenue", ExpectedRevenue::key, ExpectedRevenue::revision);
                revenue.poll().stream()
                    .map(
                        r ->
                            ResultRows.revenue(
                                ClickstreamTopics.REVENUE_PER_MINUTE
                                    .valueCodec()
                                    .decode(r.value())))
                    .filter(r -> r.windowEnd() <= REVENUE_UNTIL)
                    .forEach(log::add);
                assertThat(log.problems(expectedRevenue, ExpectedRevenue::matches)).isEmpty();
              });
      // sessions: each (session start, revision) once, the final rows equal the reference; the
      // session's old start is retracted
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                RevisionLog<ExpectedSession> log =
                    new RevisionLog<>("session", ExpectedSession::key, ExpectedSession::revision);
                sessions.poll().stream()
                    .map(
                        r ->
                            ResultRows.session(
                                ClickstreamTopics.SESSIONS.valueCodec().decode(r.value())))
                    .filter(s -> s.sessionEnd() + GAP <= SESSIONS_UNTIL)
                    .forEach(log::add);
                assertThat(log.problems(expectedSessions, ExpectedSession::equals)).isEmpty();
                ExpectedSession absorbed = log.finalRows().get(absorbedKey);
                assertThat(absorbed).as("retraction of the old session start").isNotNull();
                assertThat(absorbed.retracted()).isTrue();
                assertThat(absorbed.revision()).isEqualTo(1);
              });
      // late events: each click late for exactly the sub-pipeline it missed
      assertThat(expected.lateEvents())
          .extracting(ExpectedLateEvent::pipeline, ExpectedLateEvent::eventId)
          .containsExactlyInAnyOrder(
              tuple("clickstream-revenue", scenario.tooLateForRevenue().eventId()),
              tuple("clickstream-sessions", scenario.tooLateForSessions().eventId()));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          late.poll().stream()
                              .map(r -> ResultRows.late(new LateEventCodec().decode(r.value())))
                              .toList())
                      // the watermark a click met is the real one, which trails the reference's
                      .usingRecursiveFieldByFieldElementComparatorIgnoringFields("watermark")
                      .containsExactlyInAnyOrderElementsOf(expected.lateEvents()));
      assertThat(
              late.records().stream()
                  .map(r -> new LateEventCodec().decode(r.value()))
                  .filter(e -> e.pipeline().equals("clickstream-revenue"))
                  .findFirst()
                  .orElseThrow())
          .extracting(e -> e.windowStart(), e -> e.windowEnd())
          .containsExactly(scenario.at(60, 0), scenario.at(61, 0));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> deadLetters.poll().size() == scenario.malformed().size());
    }

    // and every record is accounted for: processed or dead-lettered
    PrometheusText metrics = PrometheusText.scrape(platform.httpPort());
    assertThat(metrics.sum("freshet_records_in_total", "pipeline", "clickstream"))
        .isEqualTo(scenario.onTime().size() + scenario.late().size() + scenario.malformed().size());
    assertThat(
            metrics.sum(
                "freshet_dead_letters_total",
                "pipeline",
                "clickstream",
                "error_type",
                "INVALID_FIELD"))
        .isEqualTo(1);

    // and the serving store holds the same results, read back through freshet sql
    long orders = expectedRevenue.stream().mapToLong(ExpectedRevenue::orderCount).sum();
    String expectedStore =
        "[{\"n\":" + expectedRevenue.size() + ",\"orders\":" + orders + ",\"revised\":1}]\n";
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        sql(
                            "select count(*) as n, cast(sum(order_count) as bigint) as orders,"
                                + " cast(sum(case when revision > 0 then 1 else 0 end) as bigint)"
                                + " as revised from realtime_revenue"
                                + " where window_end <= timestamp '2026-11-26 13:11:00'"))
                    .isEqualTo(expectedStore));
    assertThat(expected.finalSessions()).filteredOn(ExpectedSession::retracted).hasSize(1);
    assertThat(sql("select count(*) as n from sessions where retracted"))
        .isEqualTo("[{\"n\":1}]\n");
    // every revenue row and every closed session, row by row
    Map<String, String> storedRevenue = new TreeMap<>();
    for (var row :
        FreshetSql.rows(
            platform.httpPort(),
            "select geo_country, category, window_start, revenue, order_count, avg_order_value,"
                + " unique_buyers, revision from realtime_revenue"
                + " where window_end <= timestamp '2026-11-26 13:11:00'")) {
      storedRevenue.put(
          row.path("geo_country").asText()
              + "|"
              + row.path("category").asText()
              + "|"
              + Timestamps.parse(row.path("window_start").asText()),
          describe(
              row.path("revenue").decimalValue(),
              row.path("order_count").asLong(),
              row.path("avg_order_value").decimalValue(),
              row.path("unique_buyers").asLong(),
              row.path("revision").asInt()));
    }
    Map<String, String> wantRevenue = new TreeMap<>();
    expectedRevenue.forEach(
        r ->
            wantRevenue.put(
                r.key(),
                describe(
                    r.revenue(),
                    r.orderCount(),
                    r.avgOrderValue(),
                    r.uniqueBuyers(),
                    r.revision())));
    assertThat(storedRevenue).isEqualTo(wantRevenue);
    Map<String, String> storedSessions = new TreeMap<>();
    for (var row :
        FreshetSql.rows(
            platform.httpPort(),
            "select user_id, device_type, session_start, session_end, events_in_session,"
                + " categories_viewed, converted from sessions where not retracted")) {
      long start = Timestamps.parse(row.path("session_start").asText());
      long end = Timestamps.parse(row.path("session_end").asText());
      if (end + GAP <= SESSIONS_UNTIL) {
        storedSessions.put(
            row.path("user_id").asText() + "|" + row.path("device_type").asText() + "|" + start,
            row.path("events_in_session").asLong()
                + "|"
                + String.join(",", FreshetSql.strings(row.path("categories_viewed")))
                + "|"
                + row.path("converted").asBoolean()
                + "|"
                + end);
      }
    }
    Map<String, String> wantSessions = new TreeMap<>();
    expectedSessions.stream()
        .filter(s -> !s.retracted())
        .forEach(
            s ->
                wantSessions.put(
                    s.key(),
                    s.eventsInSession()
                        + "|"
                        + String.join(",", s.categoriesViewed())
                        + "|"
                        + s.converted()
                        + "|"
                        + s.sessionEnd()));
    assertThat(storedSessions).isEqualTo(wantSessions);
  }

  private static String describe(
      java.math.BigDecimal revenue,
      long orders,
      java.math.BigDecimal avg,
      long buyers,
      int revision) {
    return revenue.stripTrailingZeros().toPlainString()
        + "|"
        + orders
        + "|"
        + avg.stripTrailingZeros().toPlainString()
        + "|"
        + buyers
        + "|"
        + revision;
  }

  /** Runs {@code freshet sql --json} against the running instance and returns its output. */
  private String sql(String query) {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(new io.freshet.cli.FreshetCommand());
    cli.setOut(new java.io.PrintWriter(out, true));
    int exit =
        cli.execute(
            "sql",
            query,
            "--json",
            "--url",
            "http://localhost:" + platform.httpPort(),
            "--api-token",
            TestConfigs.API_TOKEN);
    assertThat(exit).as(out.toString()).isZero();
    return out.toString();
  }

  private void send(KafkaProducer<byte[], byte[]> producer, Click c) {
    producer.send(
        new ProducerRecord<>(
            ClickstreamTopics.CLICKSTREAM_EVENTS.name(),
            c.userId().getBytes(StandardCharsets.UTF_8),
            ClickEnvelopes.encode(c, "test")));
  }

  private TopicReader reader(String topic) {
    return TopicReader.committed(platform.bootstrapServers(), topic);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return TestProducer.create(platform.bootstrapServers());
  }
}
