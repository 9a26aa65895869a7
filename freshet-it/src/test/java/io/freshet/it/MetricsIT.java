package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.testkit.fraud.Instants;
import io.freshet.testkit.fraud.TransactionEnvelopeBuilder;
import io.freshet.testkit.kafka.TestProducer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} reports values that move exactly with known traffic.
 *
 * <p>Every test gets its own platform on its own data dir and produces the traffic it asserts on,
 * so the tests pass in any order and alone.
 */
class MetricsIT {
  static final String PIPELINE = "fraud-detection";

  /** Records in of {@link #counted()} plus {@link #held()}. */
  static final int ALL_RECORDS_IN = 156;

  /** Dead letters among them (3 NOT_JSON, 2 INVALID_FIELD). */
  static final int ALL_DEAD_LETTERS = 5;

  @TempDir Path dataDir;
  FreshetPlatform platform;

  @BeforeEach
  void startPlatform() throws Exception {
    platform = FreshetPlatform.start(TestConfigs.inProcess(dataDir), line -> {});
  }

  @AfterEach
  void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  /** 100 valid transactions, one duplicate delivery, 3 non-JSON and 2 negative amounts. */
  static List<byte[]> counted() {
    List<byte[]> values = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      values.add(
          TransactionEnvelopeBuilder.transaction(
                  "tx-" + i, "cust-" + (i % 10), Instants.t0PlusSeconds(i * 600L))
              .amount(20)
              .bytes());
    }
    values.add(values.get(0));
    for (int i = 0; i < 3; i++) {
      values.add(("not json " + i).getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < 2; i++) {
      values.add(
          TransactionEnvelopeBuilder.transaction("bad-" + i, "cust-x", Instants.T0)
              .amount(-1)
              .bytes());
    }
    return values;
  }

  /** 50 valid transactions of 5 other customers, later in event time than {@link #counted()}. */
  static List<byte[]> held() {
    List<byte[]> more = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      more.add(
          TransactionEnvelopeBuilder.transaction(
                  "late-" + i, "cust-held-" + (i % 5), Instants.t0PlusSeconds(100_000L + i))
              .amount(10)
              .bytes());
    }
    return more;
  }

  /** Produces {@link #counted()} and {@link #held()} and waits until the pipeline counted both. */
  private void produceAllAndAwaitCounted() throws Exception {
    produce(counted());
    produce(held());
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              PrometheusText m = PrometheusText.scrape(platform.httpPort());
              assertThat(m.sum("freshet_records_in_total", "pipeline", PIPELINE))
                  .isEqualTo(ALL_RECORDS_IN);
              assertThat(m.sum("freshet_dead_letters_total", "pipeline", PIPELINE))
                  .isEqualTo(ALL_DEAD_LETTERS);
              assertThat(m.sum("freshet_duplicates_skipped_total", "pipeline", PIPELINE))
                  .isEqualTo(1);
            });
  }

  @Test
  void countersMoveExactlyWithTheTrafficProduced() throws Exception {
    // Given 100 valid transactions, one duplicate delivery, 3 non-JSON and 2 negative amounts
    List<byte[]> values = counted();
    // When they are produced
    produce(values);

    // Then the metrics count them exactly
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              PrometheusText m = PrometheusText.scrape(platform.httpPort());
              assertThat(m.sum("freshet_records_in_total", "pipeline", PIPELINE)).isEqualTo(106);
              assertThat(
                      m.sum(
                          "freshet_dead_letters_total",
                          "pipeline",
                          PIPELINE,
                          "error_type",
                          "NOT_JSON"))
                  .isEqualTo(3);
              assertThat(
                      m.sum(
                          "freshet_dead_letters_total",
                          "pipeline",
                          PIPELINE,
                          "error_type",
                          "INVALID_FIELD"))
                  .isEqualTo(2);
              assertThat(m.sum("freshet_duplicates_skipped_total", "pipeline", PIPELINE))
                  .isEqualTo(1);
              assertThat(
                      m.sum(
                          "freshet_e2e_latency_seconds_count",
                          "pipeline",
                          PIPELINE,
                          "output",
                          "transaction-decisions"))
                  .isEqualTo(100);
              assertThat(
                      m.sum(
                          "freshet_e2e_latency_seconds_bucket",
                          "pipeline",
                          PIPELINE,
                          "output",
                          "transaction-decisions",
                          "le",
                          "+Inf"))
                  .isEqualTo(100);
              assertThat(m.sum("freshet_topic_records_total", "topic", "transactions"))
                  .isEqualTo(106);
              assertThat(m.sum("freshet_pipeline_latency_sla_seconds", "pipeline", PIPELINE))
                  .isEqualTo(0.1);
              assertThat(
                      m.sum(
                          "flink_jobmanager_job_numberOfCompletedCheckpoints",
                          "job_name",
                          PIPELINE))
                  .isPositive();
              assertThat(m.has("flink_taskmanager_job_task_backPressuredTimeMsPerSecond")).isTrue();
              assertThat(m.sumWithPrefix("freshet_task_state_bytes", "task", "fraud-rules -> "))
                  .as("state of the fraud-rules task (chained with its sinks)")
                  .isPositive();
              assertThat(m.sum("freshet_kafka_offline_partitions")).isZero();
            });
  }

  @Test
  void lagGrowsWhileAConsumerIsHeld() throws Exception {
    // Given a consumer group that committed the current end of the transactions topic
    String group = "held-group";
    try (KafkaConsumer<byte[], byte[]> held = consumer(group)) {
      List<TopicPartition> partitions =
          held.partitionsFor(FraudTopics.TRANSACTIONS.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      Map<TopicPartition, Long> ends = held.endOffsets(partitions);
      Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
      ends.forEach((tp, end) -> commit.put(tp, new OffsetAndMetadata(end)));
      held.assign(partitions);
      held.commitSync(commit);
    }
    // When 50 more records arrive and the group does not consume
    produce(held());
    // Then its lag is exactly 50 records, and their age is reported in seconds
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              PrometheusText m = PrometheusText.scrape(platform.httpPort());
              assertThat(m.sum("freshet_consumer_lag_records", "group", group)).isEqualTo(50);
              assertThat(m.sum("freshet_consumer_lag_seconds", "group", group)).isPositive();
            });
  }

  @Test
  void aRealPrometheusScrapesFreshetAndAnswersQueries(@TempDir Path prometheusDir)
      throws Exception {
    // Given 156 records counted by the pipeline
    produceAllAndAwaitCounted();
    // and a Prometheus server (Debian's package, installed by run-tests) scraping Freshet
    int port = FreshetProcess.freePort();
    Path config = prometheusDir.resolve("prometheus.yml");
    java.nio.file.Files.writeString(
        config,
        "global:\n  scrape_interval: 1s\n"
            + "scrape_configs:\n  - job_name: freshet\n    static_configs:\n"
            + "      - targets: ['localhost:"
            + platform.httpPort()
            + "']\n");
    Process prometheus =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + prometheusDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(prometheusDir.resolve("prometheus.log").toFile())
            .start();
    try {
      // When it has scraped, Then a metric comes back through its query API with the value
      // that traffic produced
      String query =
          java.net.URLEncoder.encode(
              "freshet_records_in_total{pipeline=\"fraud-detection\"}", StandardCharsets.UTF_8);
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpRequest request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + query))
              .build();
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptionsInstanceOf(java.io.IOException.class)
          .untilAsserted(
              () ->
                  assertThat(
                          http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                              .body())
                      .contains("\"status\":\"success\"")
                      .contains("\"job\":\"freshet\"")
                      .contains(",\"" + ALL_RECORDS_IN + "\"]"));
    } finally {
      prometheus.destroy();
      prometheus.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void statusCommandReportsThePipelineFromTheRunningInstance() throws Exception {
    // Given 156 records counted by the pipeline (5 dead letters, 1 duplicate)
    produceAllAndAwaitCounted();
    // When freshet status asks the running instance
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    int exit;
    System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit =
          new picocli.CommandLine(new io.freshet.cli.FreshetCommand())
              .execute("status", "--url", "http://localhost:" + platform.httpPort());
    } finally {
      System.setOut(original);
    }
    // Then it prints the pipeline's state and exact counts
    assertThat(exit).isZero();
    String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines[0]).isEqualTo("Freshet at http://localhost:" + platform.httpPort() + " - UP");
    String[] row = lines[2].trim().split("\\s+");
    assertThat(row[0]).isEqualTo(PIPELINE);
    assertThat(row[1]).isEqualTo("RUNNING");
    assertThat(row[3]).isEqualTo(Integer.toString(ALL_RECORDS_IN)); // records in
    assertThat(row[4]).isEqualTo(Integer.toString(ALL_DEAD_LETTERS)); // dead letters
    assertThat(row[5]).isEqualTo("1"); // duplicates
  }

  @Test
  void aHealthyStartShowsNoFailedCheckpointAndLatencyAgainstTheSla() throws Exception {
    // Given a platform started on a fresh data dir that counted 156 records
    produceAllAndAwaitCounted();

    // When every pipeline has completed three checkpoints
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode pipelines = status().path("pipelines");
              return pipelines.size() == 3
                  && java.util.stream.StreamSupport.stream(pipelines.spliterator(), false)
                      .allMatch(p -> p.path("checkpoints_completed").asLong() >= 3);
            });

    // Then none failed, in /api/status and in /metrics, and whatever Flink counts as failed was
    // declined while the tasks started
    for (JsonNode p : status().path("pipelines")) {
      assertThat(p.path("checkpoints_failed").asLong()).as(p.path("name").asText()).isZero();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              PrometheusText m = PrometheusText.scrape(platform.httpPort());
              for (String pipeline : List.of(PIPELINE, "iot-monitoring", "clickstream")) {
                assertThat(m.sum("freshet_checkpoints_failed_total", "pipeline", pipeline))
                    .as(pipeline)
                    .isZero();
                assertThat(
                        m.sum("freshet_checkpoints_declined_starting_total", "pipeline", pipeline))
                    .as(pipeline)
                    .isEqualTo(
                        m.sum(
                            "flink_jobmanager_job_numberOfFailedCheckpoints",
                            "job_name",
                            pipeline));
              }
            });

    // And, 10 more transactions later, the fraud pipeline's latency of the last minute is
    // reported against its 100 ms SLA, with its worst subtask's time shares
    List<byte[]> more = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      more.add(
          TransactionEnvelopeBuilder.transaction(
                  "more-" + i, "cust-more", Instants.t0PlusSeconds(200_000L + i))
              .amount(10)
              .bytes());
    }
    produce(more);
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> status().path("pipelines").get(0).path("latency").path("p50_seconds").isNumber());
    JsonNode fraud = status().path("pipelines").get(0);
    assertThat(fraud.path("name").asText()).isEqualTo(PIPELINE);
    JsonNode latency = fraud.path("latency");
    assertThat(latency.path("sla_seconds").asDouble()).isEqualTo(0.1);
    assertThat(latency.path("p50_seconds").isNumber()).isTrue();
    assertThat(latency.path("p50_seconds").asDouble())
        .isBetween(0.0, latency.path("p99_seconds").asDouble());
    assertThat(latency.path("p99_over_sla").asBoolean())
        .isEqualTo(latency.path("p99_seconds").asDouble() > 0.1);
    assertThat(fraud.path("backpressure").path("ratio").asDouble()).isBetween(0.0, 1.0);
    assertThat(fraud.path("backpressure").path("busy_ratio").asDouble()).isBetween(0.0, 1.0);
  }

  private JsonNode status() throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://localhost:" + platform.httpPort() + "/api/status"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }

  private void produce(List<byte[]> values) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        TestProducer.create(platform.bootstrapServers())) {
      for (byte[] v : values) {
        producer
            .send(new ProducerRecord<>(FraudTopics.TRANSACTIONS.name(), "k".getBytes(), v))
            .get();
      }
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer(String group) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
