package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.ClickEventWriter;
import io.freshet.core.clickstream.ClickKind;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.RevenueRowCodec;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.clickstream.SessionRowCodec;
import io.freshet.core.late.LateEvent;
import io.freshet.core.late.LateEventCodec;
import io.freshet.pipelines.clickstream.ClickstreamTopics;
import io.freshet.pipelines.topic.Topics;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.testkit.kafka.TestProducer;
import io.freshet.testkit.kafka.TopicReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clickstream pipeline on the embedded broker and MiniCluster against straight-loop references:
 * revenue per minute with a late revision, sessions split exactly at the 30 min gap, a late click
 * merging two emitted sessions (merged row plus retraction), and clicks too late for one
 * sub-pipeline only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickstreamPipelineIT {
  static final long T0 = Instant.parse("2026-11-26T12:00:00.000Z").toEpochMilli();
  static final long SEC = 1000;
  static final long MIN = 60 * SEC;
  static final long GAP = 30 * MIN;
  static final String[] COUNTRIES = {"DE", "FR", "US"};
  static final String[] CATEGORIES = {"books", "toys", "garden"};

  /** Revenue windows ending by then, and sessions whose gap closed by then, have fired. */
  static final long REVENUE_UNTIL = T0 + 71 * MIN;

  static final long SESSIONS_UNTIL = T0 + 70 * MIN;

  @TempDir static Path dataDir;
  FreshetPlatform platform;
  int seq;

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

  ClickEvent click(
      String user,
      long time,
      ClickKind kind,
      String country,
      String category,
      String price,
      Integer quantity) {
    seq++;
    return new ClickEvent(
        "c-" + seq,
        time,
        kind,
        user,
        "s-" + user,
        "p-" + seq,
        category,
        price == null ? null : new BigDecimal(price),
        quantity,
        "/p/" + seq,
        null,
        "desktop",
        country);
  }

  ClickEvent view(String user, long time, String category) {
    return click(user, time, ClickKind.PAGE_VIEW, "DE", category, null, null);
  }

  ClickEvent purchase(
      String user, long time, String country, String category, String price, int quantity) {
    return click(user, time, ClickKind.PURCHASE, country, category, price, quantity);
  }

  @Test
  void revenueAndSessionsMatchTheReferenceWithRevisionsRetractionsAndLateEvents() throws Exception {
    // Given ten shoppers active every 90 s for 73 minutes, every fourth click a purchase
    SplittableRandom random = new SplittableRandom(7);
    List<ClickEvent> onTime = new ArrayList<>();
    for (int u = 0; u < 10; u++) {
      for (int k = 0; k * 90 * SEC + u * 7 * SEC < 73 * MIN; k++) {
        long t = T0 + k * 90 * SEC + u * 7 * SEC;
        String country = COUNTRIES[(u + k) % 3];
        String category = CATEGORIES[k % 3];
        onTime.add(
            k % 4 == 3
                ? purchase(
                    "u" + u,
                    t,
                    country,
                    category,
                    BigDecimal.valueOf(random.nextInt(100, 10_000), 2).toPlainString(),
                    1 + random.nextInt(3))
                : view("u" + u, t, category));
      }
    }
    // and sessions at the gap boundary: u-a's third click is exactly 30 min after its second
    onTime.add(view("u-a", T0 + 2 * MIN, "books"));
    onTime.add(view("u-a", T0 + 3 * MIN, "toys"));
    onTime.add(view("u-a", T0 + 33 * MIN, "garden"));
    // a session of u-m that a late click will extend backwards, changing its session_start
    onTime.add(view("u-m", T0 + 38 * MIN + 30 * SEC, "books"));
    onTime.add(purchase("u-m", T0 + 38 * MIN + 31 * SEC, "FR", "books", "19.99", 2));
    // a lone visitor, and an active one late purchases will join
    onTime.add(view("u-x", T0 + 5 * MIN, "toys"));
    for (int m = 61; m <= 72; m++) {
      onTime.add(view("u-m2", T0 + m * MIN, "garden"));
    }
    onTime.add(purchase("u-r", T0 + 70 * MIN + 10 * SEC, "DE", "books", "10.00", 1));

    // When they arrive up to 3 s out of order
    Map<ClickEvent, Long> arrival = new HashMap<>();
    onTime.forEach(c -> arrival.put(c, c.eventTime() + random.nextLong(3 * SEC)));
    List<ClickEvent> ordered = new ArrayList<>(onTime);
    ordered.sort(Comparator.comparingLong(arrival::get));
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      ordered.forEach(c -> send(producer, c));
      producer.send(
          new ProducerRecord<>(
              ClickstreamTopics.CLICKSTREAM_EVENTS.name(),
              "u-bad".getBytes(StandardCharsets.UTF_8),
              "{\"event_id\":\"bad\",\"event_type\":\"clickstream.purchase\",\"timestamp\":\"2026-11-26T12:00:00.000Z\",\"payload\":{\"event_type\":\"purchase\",\"user_id\":\"u-bad\",\"device_type\":\"desktop\",\"category\":\"books\",\"geo_country\":\"DE\",\"price\":-1,\"quantity\":1}}"
                  .getBytes(StandardCharsets.UTF_8)));
    }
    // and, once revenue up to T0+71m has fired, four late clicks
    try (TopicReader revenue = reader(ClickstreamTopics.REVENUE_PER_MINUTE.name())) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  revenue.poll().stream()
                      .map(r -> new RevenueRowCodec().decode(r.value()))
                      .anyMatch(r -> r.windowEnd() >= REVENUE_UNTIL));
    }
    ClickEvent merging = view("u-m", T0 + 37 * MIN, "garden");
    ClickEvent lateRevenue = purchase("u-r", T0 + 70 * MIN + 30 * SEC, "DE", "books", "5.50", 2);
    ClickEvent tooLateForRevenue =
        purchase("u-m2", T0 + 60 * MIN + 30 * SEC, "US", "toys", "7.00", 1);
    ClickEvent tooLateForSessions = view("u-x", T0 + 5 * MIN + 30 * SEC, "books");
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (ClickEvent c : List.of(merging, lateRevenue, tooLateForRevenue, tooLateForSessions)) {
        send(producer, c);
      }
    }

    // Then revenue per minute equals the reference, with the late purchase as revision 1
    List<ClickEvent> forRevenue = new ArrayList<>(onTime);
    forRevenue.add(lateRevenue);
    Map<String, String> expectedRevenue = revenueReference(forRevenue);
    List<ClickEvent> forSessions = new ArrayList<>(onTime);
    forSessions.add(merging);
    forSessions.add(tooLateForRevenue);
    Map<String, String> expectedSessions = sessionsReference(forSessions);
    try (TopicReader revenue = reader(ClickstreamTopics.REVENUE_PER_MINUTE.name());
        TopicReader sessions = reader(ClickstreamTopics.SESSIONS.name());
        TopicReader late = reader(Topics.LATE_EVENTS.name());
        TopicReader deadLetters = reader(ClickstreamTopics.CLICKSTREAM_EVENTS_DLQ.name())) {
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                Map<String, String> got = new TreeMap<>();
                for (var r : revenue.poll()) {
                  RevenueRow row = new RevenueRowCodec().decode(r.value());
                  if (row.windowEnd() <= REVENUE_UNTIL) {
                    got.merge(
                        row.geoCountry() + "|" + row.category() + "|" + row.windowStart(),
                        describe(row),
                        (a, b) -> revisionOf(a) >= revisionOf(b) ? a : b);
                  }
                }
                assertThat(got).isEqualTo(expectedRevenue);
              });
      // sessions: the final rows equal the reference; the session's old start is retracted
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                Map<String, SessionRow> latest = new TreeMap<>();
                for (var r : sessions.poll()) {
                  SessionRow row = new SessionRowCodec().decode(r.value());
                  latest.merge(row.key(), row, (a, b) -> a.revision() >= b.revision() ? a : b);
                }
                Map<String, String> live = new TreeMap<>();
                latest.forEach(
                    (k, row) -> {
                      if (!row.retracted() && row.sessionEnd() + GAP <= SESSIONS_UNTIL) {
                        live.put(k, describe(row));
                      }
                    });
                assertThat(live).isEqualTo(expectedSessions);
                SessionRow absorbed = latest.get("u-m|desktop|" + (T0 + 38 * MIN + 30 * SEC));
                assertThat(absorbed).as("retraction of the old session start").isNotNull();
                assertThat(absorbed.retracted()).isTrue();
                assertThat(absorbed.revision()).isEqualTo(1);
              });
      // late events: each click late for exactly the sub-pipeline it missed
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          late.poll().stream()
                              .map(r -> new LateEventCodec().decode(r.value()))
                              .map(e -> e.pipeline() + ":" + e.eventId())
                              .toList())
                      .containsExactlyInAnyOrder(
                          "clickstream-revenue:" + tooLateForRevenue.eventId(),
                          "clickstream-sessions:" + tooLateForSessions.eventId()));
      LateEvent revenueLate =
          late.records().stream()
              .map(r -> new LateEventCodec().decode(r.value()))
              .filter(e -> e.pipeline().equals("clickstream-revenue"))
              .findFirst()
              .orElseThrow();
      assertThat(revenueLate.windowStart()).isEqualTo(T0 + 60 * MIN);
      assertThat(revenueLate.windowEnd()).isEqualTo(T0 + 61 * MIN);
      await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.poll().size() == 1);
    }

    // and every record is accounted for: processed or dead-lettered
    PrometheusText metrics = PrometheusText.scrape(platform.httpPort());
    assertThat(metrics.sum("freshet_records_in_total", "pipeline", "clickstream"))
        .isEqualTo(onTime.size() + 4 + 1);
    assertThat(
            metrics.sum(
                "freshet_dead_letters_total",
                "pipeline",
                "clickstream",
                "error_type",
                "INVALID_FIELD"))
        .isEqualTo(1);

    // and the serving store holds the same results, read back through freshet sql
    long orders =
        expectedRevenue.values().stream().mapToLong(v -> Long.parseLong(v.split("\\|")[1])).sum();
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
              + io.freshet.core.time.Timestamps.parse(row.path("window_start").asText()),
          row.path("revenue").decimalValue().stripTrailingZeros().toPlainString()
              + "|"
              + row.path("order_count").asLong()
              + "|"
              + row.path("avg_order_value").decimalValue().stripTrailingZeros().toPlainString()
              + "|"
              + row.path("unique_buyers").asLong()
              + "|"
              + row.path("revision").asInt());
    }
    assertThat(storedRevenue).isEqualTo(expectedRevenue);
    Map<String, String> storedSessions = new TreeMap<>();
    for (var row :
        FreshetSql.rows(
            platform.httpPort(),
            "select user_id, device_type, session_start, session_end, events_in_session,"
                + " categories_viewed, converted from sessions where not retracted")) {
      long start = io.freshet.core.time.Timestamps.parse(row.path("session_start").asText());
      long end = io.freshet.core.time.Timestamps.parse(row.path("session_end").asText());
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
    assertThat(storedSessions).isEqualTo(expectedSessions);
  }

  /** Runs {@code freshet sql --json} against the running instance and returns its output. */
  private String sql(String query) {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(new io.freshet.cli.FreshetCommand());
    cli.setOut(new java.io.PrintWriter(out, true));
    int exit =
        cli.execute("sql", query, "--json", "--url", "http://localhost:" + platform.httpPort());
    assertThat(exit).as(out.toString()).isZero();
    return out.toString();
  }

  /** key → "revenue|orders|avg|buyers|revision" per minute window, straight loops. */
  static Map<String, String> revenueReference(List<ClickEvent> clicks) {
    Map<String, List<ClickEvent>> byWindow = new TreeMap<>();
    for (ClickEvent c : clicks) {
      if (c.kind() != ClickKind.PURCHASE) {
        continue;
      }
      long start = c.eventTime() - Math.floorMod(c.eventTime(), MIN);
      if (start + MIN <= REVENUE_UNTIL) {
        byWindow
            .computeIfAbsent(
                c.geoCountry() + "|" + c.category() + "|" + start, k -> new ArrayList<>())
            .add(c);
      }
    }
    Map<String, String> out = new TreeMap<>();
    byWindow.forEach(
        (k, purchases) -> {
          BigDecimal revenue = BigDecimal.ZERO;
          TreeSet<String> buyers = new TreeSet<>();
          for (ClickEvent p : purchases) {
            revenue = revenue.add(p.price().multiply(BigDecimal.valueOf(p.quantity())));
            buyers.add(p.userId());
          }
          BigDecimal avg =
              revenue.divide(BigDecimal.valueOf(purchases.size()), 2, RoundingMode.HALF_EVEN);
          int revision = k.equals("DE|books|" + (T0 + 70 * MIN)) ? 1 : 0;
          out.put(
              k,
              revenue.stripTrailingZeros().toPlainString()
                  + "|"
                  + purchases.size()
                  + "|"
                  + avg.stripTrailingZeros().toPlainString()
                  + "|"
                  + buyers.size()
                  + "|"
                  + revision);
        });
    return out;
  }

  static String describe(RevenueRow r) {
    return r.revenue().stripTrailingZeros().toPlainString()
        + "|"
        + r.orderCount()
        + "|"
        + r.avgOrderValue().stripTrailingZeros().toPlainString()
        + "|"
        + r.uniqueBuyers()
        + "|"
        + r.revision();
  }

  static int revisionOf(String described) {
    return Integer.parseInt(described.substring(described.lastIndexOf('|') + 1));
  }

  /** user|device|start → "events|categories|converted|end" for closed sessions, plain loops. */
  static Map<String, String> sessionsReference(List<ClickEvent> clicks) {
    Map<String, List<ClickEvent>> byUser = new TreeMap<>();
    clicks.forEach(
        c ->
            byUser
                .computeIfAbsent(c.userId() + "|" + c.deviceType(), k -> new ArrayList<>())
                .add(c));
    Map<String, String> out = new TreeMap<>();
    byUser.forEach(
        (user, list) -> {
          list.sort(Comparator.comparingLong(ClickEvent::eventTime));
          List<ClickEvent> session = new ArrayList<>();
          for (ClickEvent c : list) {
            if (!session.isEmpty()
                && c.eventTime() - session.get(session.size() - 1).eventTime() >= GAP) {
              close(user, session, out);
              session = new ArrayList<>();
            }
            session.add(c);
          }
          close(user, session, out);
        });
    return out;
  }

  static void close(String user, List<ClickEvent> session, Map<String, String> out) {
    long start = session.get(0).eventTime();
    long end = session.get(session.size() - 1).eventTime();
    if (start < T0 || end + GAP > SESSIONS_UNTIL) {
      return;
    }
    TreeSet<String> categories = new TreeSet<>();
    boolean converted = false;
    for (ClickEvent c : session) {
      if (c.category() != null) {
        categories.add(c.category());
      }
      converted |= c.kind() == ClickKind.PURCHASE;
    }
    out.put(
        user + "|" + start,
        session.size() + "|" + String.join(",", categories) + "|" + converted + "|" + end);
  }

  static String describe(SessionRow s) {
    return s.eventsInSession()
        + "|"
        + String.join(",", s.categoriesViewed())
        + "|"
        + s.converted()
        + "|"
        + s.sessionEnd();
  }

  private void send(KafkaProducer<byte[], byte[]> producer, ClickEvent c) {
    producer.send(
        new ProducerRecord<>(
            ClickstreamTopics.CLICKSTREAM_EVENTS.name(),
            c.userId().getBytes(StandardCharsets.UTF_8),
            ClickEventWriter.write(c, "test")));
  }

  private TopicReader reader(String topic) {
    return TopicReader.committed(platform.bootstrapServers(), topic);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return TestProducer.create(platform.bootstrapServers());
  }
}
