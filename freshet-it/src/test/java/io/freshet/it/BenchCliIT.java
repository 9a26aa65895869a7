package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./freshet bench} end to end: the baselines in quick mode write their tables, JSON, charts
 * and summary; an unknown scenario is refused with the list of known ones.
 */
class BenchCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void quickBaselinesWriteResultsChartsAndSummary(@TempDir Path results) throws Exception {
    // When
    String out =
        FreshetProcess.runToCompletion(
            Duration.ofMinutes(10),
            "bench",
            "kafka-limit",
            "flink-passthrough",
            "--quick",
            "--results-dir",
            results.toString());

    // Then
    assertThat(out).contains("== kafka-limit", "== flink-passthrough", "events/s");
    Path quick = results.resolve("quick");
    JsonNode kafka = JSON.readTree(quick.resolve("kafka-limit.json").toFile());
    assertThat(kafka.path("quick").asBoolean()).isTrue();
    assertThat(kafka.path("figures").path("produce_rps").asDouble()).isPositive();
    assertThat(kafka.path("figures").path("consume_rps").asDouble()).isPositive();
    JsonNode flink = JSON.readTree(quick.resolve("flink-passthrough.json").toFile());
    assertThat(flink.path("figures").path("events_processed").asLong()).isEqualTo(20_000);
    assertThat(quick.resolve("throughput.png")).isNotEmptyFile();
    assertThat(Files.readString(quick.resolve("summary.md"), StandardCharsets.UTF_8))
        .contains("## kafka-limit", "## flink-passthrough");
  }

  @Test
  void quickDecisionApiAnswersEveryRequestWithTheCommittedDecision(@TempDir Path results)
      throws Exception {
    // When the decision-api scenario runs quick (it fails unless every request is answered with a
    // decision, one per transaction, equal to the one the job commits)
    String out =
        FreshetProcess.runToCompletion(
            Duration.ofMinutes(10),
            "bench",
            "decision-api",
            "--quick",
            "--results-dir",
            results.toString());

    // Then it reports client latencies at every rate; never judged here, only present
    assertThat(out).contains("== decision-api");
    JsonNode figures =
        JSON.readTree(results.resolve("quick").resolve("decision-api.json").toFile())
            .path("figures");
    assertThat(figures.path("rate_1000.client.p99_ms").isNumber()).isTrue();
    assertThat(figures.path("rate_2000.client.p99_ms").isNumber()).isTrue();
    assertThat(figures.path("rate_5000.client.p99_ms").isNumber()).isTrue();
  }

  @Test
  void unknownScenarioIsRefusedWithTheKnownOnes() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(FreshetProcess.ROOT.resolve("freshet").toString(), "bench", "nonsense")
            .directory(FreshetProcess.ROOT.toFile())
            .redirectErrorStream(true);
    builder.environment().put("FRESHET_SKIP_BUILD", "1");
    Process bench = builder.start();
    bench.getOutputStream().close();
    String output = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(bench.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(bench.exitValue()).isEqualTo(2);
    assertThat(output)
        .contains(
            "unknown scenario 'nonsense'", "kafka-limit", "fraud-latency", "velocity-textbook");
  }
}
