package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.testkit.fraud.FraudReference;
import io.freshet.testkit.fraud.GeneratedRecord;
import io.freshet.testkit.fraud.ReferenceResult;
import io.freshet.testkit.fraud.Scenario;
import io.freshet.testkit.fraud.TransactionScenarioGenerator;
import io.freshet.testkit.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the CLI: {@code freshet run} as a process, {@code produce} a file, kill -9
 * mid-stream, restart on the same data dir, and check with {@code tail --committed} that every
 * alert and decision is there exactly once.
 */
class FreshetCliEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void survivesKillNineWithExactlyOnceOutput() throws Exception {
    // Given a scenario split in two files, keeping each customer's order
    Scenario scenario =
        TransactionScenarioGenerator.withSeed(7L)
            .customers(1500)
            .plantsPerPattern(8)
            .duplicates(20)
            .malformedPerKind(1)
            .generate();
    List<GeneratedRecord> sendable =
        scenario.records().stream().filter(r -> r.value() != null && r.value().length > 0).toList();
    ReferenceResult expected = FraudReference.compute(sendable);
    int half = sendable.size() / 2;
    Path first = writeLines(sendable.subList(0, half), "first.jsonl");
    Path second = writeLines(sendable.subList(half, sendable.size()), "second.jsonl");

    Path dataDir = work.resolve("data");
    int kafkaPort = FreshetProcess.freePort();
    int controllerPort = FreshetProcess.freePort();
    int httpPort = FreshetProcess.freePort();
    String bootstrap = "localhost:" + kafkaPort;
    String[] run = {
      "run",
      "--no-demo",
      "--data-dir",
      dataDir.toString(),
      "--kafka-port",
      Integer.toString(kafkaPort),
      "--controller-port",
      Integer.toString(controllerPort),
      "--http-port",
      Integer.toString(httpPort),
      "--flink-port",
      "0"
    };

    // When freshet runs and the first half is produced
    Path log1 = work.resolve("run-1.log");
    Process freshet = FreshetProcess.start(log1, run);
    try {
      FreshetProcess.awaitHealthy(httpPort, freshet, log1);
      FreshetProcess.runToCompletion(
          Duration.ofMinutes(2),
          "produce",
          "--topic",
          FraudTopics.TRANSACTIONS.name(),
          "--bootstrap-servers",
          bootstrap,
          first.toString());
      // and it is killed with SIGKILL as soon as the first decisions are committed
      try (TopicReader decisions =
          TopicReader.committed(bootstrap, FraudTopics.TRANSACTION_DECISIONS.name())) {
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> !decisions.poll().isEmpty());
      }
    } finally {
      freshet.destroyForcibly();
      assertThat(freshet.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    // Then a restart on the same data dir resumes from its checkpoint
    Path log2 = work.resolve("run-2.log");
    freshet = FreshetProcess.start(log2, run);
    try {
      FreshetProcess.awaitHealthy(httpPort, freshet, log2);
      assertThat(Files.readString(log2)).contains("resumed from chk-");
      FreshetProcess.runToCompletion(
          Duration.ofMinutes(2),
          "produce",
          "--topic",
          FraudTopics.TRANSACTIONS.name(),
          "--bootstrap-servers",
          bootstrap,
          second.toString());

      // and read_committed output holds every decision and alert exactly once
      try (TopicReader decisions =
          TopicReader.committed(bootstrap, FraudTopics.TRANSACTION_DECISIONS.name())) {
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> decisions.poll().size() >= expected.validUnique());
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        // What the restarted process said and what its jobs report explain a stall.
        throw new AssertionError(
            "decisions incomplete after the restart; status:\n"
                + FreshetProcess.get(httpPort, "/api/status")
                + "\nlog:\n"
                + tailOf(log2),
            e);
      }
      assertThat(freshet.isAlive()).as("freshet run is still up:\n%s", tailOf(log2)).isTrue();
      List<JsonNode> decisions = tail(bootstrap, FraudTopics.TRANSACTION_DECISIONS.name());
      List<JsonNode> alerts = tail(bootstrap, FraudTopics.FRAUD_ALERTS.name());
      List<JsonNode> deadLetters = tail(bootstrap, FraudTopics.TRANSACTIONS_DLQ.name());

      List<String> decided =
          decisions.stream().map(d -> d.at("/value/transaction_id").asText()).toList();
      assertThat(decided).doesNotHaveDuplicates();
      assertThat(decided)
          .containsExactlyInAnyOrderElementsOf(expected.expectedDecisions().keySet());
      Map<String, String> verdicts = new HashMap<>();
      decisions.forEach(
          d ->
              verdicts.put(
                  d.at("/value/transaction_id").asText(), d.at("/value/decision").asText()));
      assertThat(verdicts).isEqualTo(expected.expectedDecisions());
      List<String> alertIds = alerts.stream().map(a -> a.at("/value/alert_id").asText()).toList();
      assertThat(alertIds).doesNotHaveDuplicates();
      assertThat(alertIds).containsExactlyInAnyOrderElementsOf(expected.expectedAlerts());
      assertThat(deadLetters).hasSize((int) expected.malformed());
      assertThat((long) sendable.size())
          .isEqualTo(decided.size() + deadLetters.size() + expected.duplicates());
    } finally {
      freshet.destroy();
      assertThat(freshet.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(log2)).contains("Freshet stopped.");
  }

  private static String tailOf(Path log) throws java.io.IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
  }

  private static List<JsonNode> tail(String bootstrap, String topic) throws Exception {
    String out =
        FreshetProcess.runToCompletion(
            Duration.ofMinutes(2),
            "tail",
            "--topic",
            topic,
            "--bootstrap-servers",
            bootstrap,
            "--from-beginning",
            "--committed",
            "--idle-timeout",
            "5s");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  private Path writeLines(List<GeneratedRecord> records, String name) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (GeneratedRecord r : records) {
      sb.append(r.key()).append('\t').append(new String(r.value(), StandardCharsets.UTF_8));
      sb.append('\n');
    }
    Path file = work.resolve(name);
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    return file;
  }
}
