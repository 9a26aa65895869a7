package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.cli.FreshetCommand;
import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.ClickEventWriter;
import io.freshet.core.clickstream.ClickKind;
import io.freshet.pipelines.clickstream.ClickstreamTopics;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.testkit.fraud.Instants;
import io.freshet.testkit.fraud.TransactionEnvelopeBuilder;
import io.freshet.testkit.kafka.TestProducer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The serving store behind a running platform: pipeline results land in its tables and are read
 * back through {@code freshet sql}, {@code POST /api/sql} and {@code GET /api/views/{view}}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServingStoreIT {
  static final long T0 = Instant.parse("2026-11-26T12:00:00.000Z").toEpochMilli();
  static final long SEC = 1000;
  static final long MIN = 60 * SEC;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  FreshetPlatform platform;
  final HttpClient http = HttpClient.newHttpClient();
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

  @Test
  void revenueIsQueryableThroughTheSqlCommandAndTheViewApi() throws Exception {
    // Given purchases in the first two minutes of event time
    // and a later click that moves the watermark past both minutes
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      send(producer, purchase("u1", T0 + 10 * SEC, "DE", "books", "10.00", 2));
      send(producer, purchase("u2", T0 + 20 * SEC, "DE", "books", "5.50", 1));
      send(producer, purchase("u3", T0 + 30 * SEC, "FR", "toys", "3.25", 4));
      send(producer, purchase("u1", T0 + 70 * SEC, "DE", "books", "7.00", 1));
      send(producer, purchase("u4", T0 + 80 * SEC, "US", "garden", "12.00", 1));
      send(producer, view("u5", T0 + 5 * MIN));
    }

    // When revenue is queried with freshet sql
    // Then the table shows one row per (minute, country, category), in window and country order
    String expected =
        "geo_country | category | revenue | order_count\n"
            + "------------+----------+---------+------------\n"
            + "DE          | books    |    25.5 |           2\n"
            + "FR          | toys     |      13 |           1\n"
            + "DE          | books    |       7 |           1\n"
            + "US          | garden   |      12 |           1\n"
            + "(4 rows)\n";
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        sql(
                            "select geo_country, category, revenue, order_count"
                                + " from realtime_revenue order by window_start, geo_country"))
                    .isEqualTo(new SqlRun(0, expected, "")));

    // When the view is paged one row at a time, Then the first page has one row and a next offset
    HttpResponse<String> page = get("/api/views/realtime_revenue?limit=1");
    assertThat(page.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(page.body());
    assertThat(body.path("rows").size()).isEqualTo(1);
    assertThat(body.path("total").asLong()).isEqualTo(4);
    assertThat(body.path("next_offset").asLong()).isEqualTo(1);

    // When an unknown view is asked for, Then it is a bad request with the reason
    HttpResponse<String> unknown = get("/api/views/nope");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("nope");
  }

  @Test
  void fraudDecisionsLandInTheStore() throws Exception {
    // Given three valid transactions
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (int i = 0; i < 3; i++) {
        TransactionEnvelopeBuilder txn =
            TransactionEnvelopeBuilder.transaction(
                    "tx-store-" + i, "cust-store", Instants.t0PlusSeconds(i * 600L))
                .amount(20);
        producer.send(
            new ProducerRecord<>(
                FraudTopics.TRANSACTIONS.name(),
                txn.key().getBytes(StandardCharsets.UTF_8),
                txn.bytes()));
      }
    }

    // When the decisions are counted through freshet sql --json, Then there is one per transaction
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(sql("select count(*) as n from transaction_decisions", "--json"))
                    .isEqualTo(new SqlRun(0, "[{\"n\":3}]\n", "")));
  }

  @Test
  void aWriteIsABadQuery() {
    // When freshet sql is given a statement that writes
    SqlRun run = sql("delete from transaction_decisions");

    // Then it is refused with exit code 2 and nothing on standard output
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("Bad query: ");
  }

  /** Exit code and output of one {@code freshet sql} run. */
  record SqlRun(int exitCode, String out, String err) {}

  SqlRun sql(String query, String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new FreshetCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] args = new String[options.length + 6];
    args[0] = "sql";
    args[1] = query;
    args[2] = "--url";
    args[3] = "http://localhost:" + platform.httpPort();
    // SQL is an admin action: it needs the platform's token.
    args[4] = "--api-token";
    args[5] = TestConfigs.API_TOKEN;
    System.arraycopy(options, 0, args, 6, options.length);
    int exit = cli.execute(args);
    return new SqlRun(exit, out.toString(), err.toString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + platform.httpPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  ClickEvent purchase(
      String user, long time, String country, String category, String price, int quantity) {
    return click(
        user, time, ClickKind.PURCHASE, country, category, new BigDecimal(price), quantity);
  }

  ClickEvent view(String user, long time) {
    return click(user, time, ClickKind.PAGE_VIEW, "DE", "books", null, null);
  }

  ClickEvent click(
      String user,
      long time,
      ClickKind kind,
      String country,
      String category,
      BigDecimal price,
      Integer quantity) {
    seq++;
    return new ClickEvent(
        "store-c-" + seq,
        time,
        kind,
        user,
        "s-" + user,
        "p-" + seq,
        category,
        price,
        quantity,
        "/p/" + seq,
        null,
        "desktop",
        country);
  }

  private void send(KafkaProducer<byte[], byte[]> producer, ClickEvent c) {
    producer.send(
        new ProducerRecord<>(
            ClickstreamTopics.CLICKSTREAM_EVENTS.name(),
            c.userId().getBytes(StandardCharsets.UTF_8),
            ClickEventWriter.write(c, "test")));
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return TestProducer.create(platform.bootstrapServers());
  }
}
