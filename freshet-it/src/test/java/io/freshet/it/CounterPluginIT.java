package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.it.counter.CounterPipeline;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.testkit.kafka.TestProducer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a pipeline is one package: the test-only {@link CounterPipeline}, handed to an unchanged
 * platform, gets its topics, serving table, {@code /api/views}, health, metrics, dead letters and
 * {@code /api/status} from its declarations alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CounterPluginIT {
  static final long T0 = Instant.parse("2026-12-01T08:00:00Z").toEpochMilli();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  FreshetPlatform platform;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    FreshetConfig config =
        FreshetConfig.builder()
            .dataDir(dataDir)
            .kafkaPort(0)
            .controllerPort(0)
            .httpPort(0)
            .flinkPort(0)
            .demo(false)
            .checkpointInterval(Duration.ofMillis(500))
            .catalog(PipelineCatalog.of(new CounterPipeline()))
            .build();
    platform = FreshetPlatform.start(config, line -> {});
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aPluginPipelineIsRunProvisionedServedAndMonitoredByTheUnchangedPlatform() throws Exception {
    // Given the platform has started with only the counter plug-in
    // Then its three topics exist, created from its descriptors
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    try (Admin admin = Admin.create(adminProps)) {
      assertThat(admin.listTopics().names().get())
          .containsAll(Set.of("counter-events", "counter-events.dlq", "key-counts"));
    }

    // When seven events for three keys and one malformed record are produced
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      String[] keys = {"a", "b", "a", "c", "a", "b", "a"};
      for (int i = 0; i < keys.length; i++) {
        send(producer, keys[i], keys[i] + "," + (T0 + i * 1000L));
      }
      send(producer, "x", "no comma here");
      producer.flush();
    }

    // Then its serving table, through /api/views, holds exactly the count of each key
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode rows = JSON.readTree(get("/api/views/key_counts?limit=10").body());
              Map<String, Long> counts = new TreeMap<>();
              rows.path("rows")
                  .forEach(r -> counts.put(r.path("key").asText(), r.path("count").asLong()));
              assertThat(counts)
                  .containsExactlyEntriesOf(new TreeMap<>(Map.of("a", 4L, "b", 2L, "c", 1L)));
            });

    // And its job is part of health, with no other pipeline
    HttpResponse<String> health = get("/api/health");
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode components = JSON.readTree(health.body()).path("components");
    assertThat(components.path("job:key-counter").path("state").asText()).isEqualTo("RUNNING");
    assertThat(components.has("job:fraud-detection")).isFalse();

    // And the malformed record is a dead letter in its own dead-letter topic
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode dlq = JSON.readTree(get("/api/dlq?pipeline=key-counter").body());
              assertThat(dlq.path("total").asLong()).isEqualTo(1);
            });

    // And its metrics carry its name as the pipeline label
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              PrometheusText m = PrometheusText.scrape(platform.httpPort());
              assertThat(m.sum("freshet_records_in_total", "pipeline", CounterPipeline.NAME))
                  .isEqualTo(8);
              assertThat(
                      m.sum(
                          "freshet_pipeline_latency_sla_seconds", "pipeline", CounterPipeline.NAME))
                  .isEqualTo(5);
            });

    // And /api/status lists it
    assertThat(get("/api/status").body()).contains("key-counter");
  }

  private void send(KafkaProducer<byte[], byte[]> producer, String key, String value) {
    producer.send(
        new ProducerRecord<>(
            CounterPipeline.EVENTS.name(),
            key.getBytes(StandardCharsets.UTF_8),
            value.getBytes(StandardCharsets.UTF_8)));
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return TestProducer.create(platform.bootstrapServers());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + platform.httpPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
