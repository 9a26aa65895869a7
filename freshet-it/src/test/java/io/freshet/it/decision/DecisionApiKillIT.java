package io.freshet.it.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.it.FreshetProcess;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.testkit.fraud.FraudReference;
import io.freshet.testkit.fraud.GeneratedRecord;
import io.freshet.testkit.fraud.ReferenceResult;
import io.freshet.testkit.fraud.Scenario;
import io.freshet.testkit.fraud.TransactionScenarioGenerator;
import io.freshet.testkit.kafka.TopicReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision API serves decisions before the checkpoint commits them. This proves that is safe:
 * {@code freshet run} is killed with SIGKILL while decisions are being served, restarted, and every
 * decision the API ever returned equals the one finally committed to {@code transaction-decisions}
 * for that transaction (in everything but {@code decided_at}); none is lost, none is doubled, and
 * all match the reference computation.
 */
class DecisionApiKillIT {
  static final String TOKEN = "kill-test-token";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Decisions served before the kill; the checkpoint interval keeps most of them uncommitted. */
  static final int SERVED_BEFORE_KILL = 600;

  static final int BATCH = 20;

  @TempDir Path work;

  @Test
  void everyServedDecisionIsTheCommittedOneAcrossAKillDashNine() throws Exception {
    // Given a seeded scenario with planted fraud and re-deliveries, as NDJSON batches in order
    Scenario scenario =
        TransactionScenarioGenerator.withSeed(31L)
            .customers(300)
            .plantsPerPattern(6)
            .duplicates(30)
            .malformedPerKind(0)
            .generate();
    List<GeneratedRecord> records = scenario.records();
    ReferenceResult expected = FraudReference.compute(records);
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < records.size(); i += BATCH) {
      batches.add(
          records.subList(i, Math.min(records.size(), i + BATCH)).stream()
              .map(r -> new String(r.value(), StandardCharsets.UTF_8))
              .toList());
    }
    int kafkaPort = FreshetProcess.freePort();
    int httpPort = FreshetProcess.freePort();
    String bootstrap = "localhost:" + kafkaPort;
    String[] run = {
      "run",
      "--no-demo",
      "--pipelines",
      "fraud",
      "--api-token",
      TOKEN,
      "--checkpoint-interval",
      "5s",
      "--data-dir",
      work.resolve("data").toString(),
      "--kafka-port",
      Integer.toString(kafkaPort),
      "--controller-port",
      Integer.toString(FreshetProcess.freePort()),
      "--http-port",
      Integer.toString(httpPort),
      "--flink-port",
      "0"
    };
    DecisionClient client = new DecisionClient(httpPort, TOKEN);
    Map<String, JsonNode> served = new HashMap<>();

    // When the gateway posts batches until it has been served enough decisions
    Path log1 = work.resolve("run-1.log");
    Process freshet = FreshetProcess.start(log1, run);
    int next = 0;
    long killedAt;
    // Decisions slower than the timeout (a loaded machine) are fetched once the restart settles.
    List<String> pending = new ArrayList<>();
    try {
      FreshetProcess.awaitHealthy(httpPort, freshet, log1);
      // A first batch, then a completed checkpoint, so that the restart has one to resume from
      // whatever the machine's speed; the rest is served within the next checkpoint interval.
      DecisionClient.Answer first = client.postBatch(batches.get(next), "?timeout=10s");
      assertThat(first.status()).as(first.body()).isIn(200, 202);
      collectPending(first, pending);
      collect(first, served);
      next++;
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> completedCheckpoints(httpPort) >= 1);
      while (served.size() < SERVED_BEFORE_KILL && next < batches.size() - 1) {
        DecisionClient.Answer answer = client.postBatch(batches.get(next), "?timeout=10s");
        assertThat(answer.status()).as(answer.body()).isIn(200, 202);
        collectPending(answer, pending);
        collect(answer, served);
        next++;
      }
      // and freshet run is killed with SIGKILL right after serving them
      killedAt = System.currentTimeMillis();
      freshet.destroyForcibly();
      assertThat(freshet.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      freshet.destroyForcibly();
    }

    Map<String, JsonNode> servedBeforeKill = new HashMap<>(served);

    // and restarted on the same data dir, after which the gateway retries the batch in flight
    // and sends the rest (retries carry the same event ids)
    Path log2 = work.resolve("run-2.log");
    freshet = FreshetProcess.start(log2, run);
    try {
      FreshetProcess.awaitHealthy(httpPort, freshet, log2);
      for (int b = Math.max(0, next - 1); b < batches.size(); b++) {
        DecisionClient.Answer answer = client.postBatch(batches.get(b), "?timeout=10s");
        assertThat(answer.status()).as(answer.body()).isIn(200, 202);
        collectPending(answer, pending);
        collect(answer, served);
      }
      // A retried event the restored job had already decided is skipped as a duplicate; its
      // decision is then served from the serving store once committed.
      for (String transactionId : pending) {
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> client.get("/api/fraud/decisions/" + transactionId).status() == 200);
        collect(client.get("/api/fraud/decisions/" + transactionId), served);
      }

      // Then the committed decisions are exactly the reference's, one per transaction
      Map<String, JsonNode> committed = new LinkedHashMap<>();
      List<String> decided = new ArrayList<>();
      try (TopicReader decisions =
          TopicReader.committed(bootstrap, FraudTopics.TRANSACTION_DECISIONS.name())) {
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> decisions.poll().size() >= expected.validUnique());
        for (ConsumerRecord<byte[], byte[]> record : decisions.records()) {
          JsonNode decision = JSON.readTree(record.value());
          decided.add(decision.get("transaction_id").asText());
          committed.put(decision.get("transaction_id").asText(), decision);
        }
      }
      assertThat(decided).doesNotHaveDuplicates();
      Map<String, String> verdicts = new HashMap<>();
      committed.forEach((id, d) -> verdicts.put(id, d.get("decision").asText()));
      assertThat(verdicts).isEqualTo(expected.expectedDecisions());

      // and every decision the API served, before the kill or after, is the committed one
      assertThat(served.keySet()).containsExactlyInAnyOrderElementsOf(committed.keySet());
      for (Map.Entry<String, JsonNode> answer : served.entrySet()) {
        assertThat(outcome(answer.getValue()))
            .as("served decision of %s", answer.getKey())
            .isEqualTo(outcome(committed.get(answer.getKey())));
      }
      // and some of those served before the kill were not committed then: the restarted job
      // decided them again (decided_at after the kill), the same way
      long recomputed =
          servedBeforeKill.keySet().stream()
              .filter(
                  id ->
                      Instant.parse(committed.get(id).get("decided_at").asText()).toEpochMilli()
                          >= killedAt)
              .count();
      assertThat(recomputed).as("served before the kill, committed after it").isPositive();
      assertThat(freshet.isAlive()).isTrue();
    } finally {
      freshet.destroy();
      assertThat(freshet.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(log2)).contains("resumed from chk-");
  }

  /** The fraud job's completed checkpoints, as freshet run's status reports them. */
  private static long completedCheckpoints(int httpPort) throws IOException {
    JsonNode status = JSON.readTree(FreshetProcess.get(httpPort, "/api/status"));
    for (JsonNode pipeline : status.path("pipelines")) {
      if (pipeline.path("name").asText().equals("fraud-detection")) {
        return pipeline.path("checkpoints_completed").asLong();
      }
    }
    return 0;
  }

  private static void collectPending(DecisionClient.Answer answer, List<String> pending)
      throws IOException {
    for (JsonNode line : answer.lines()) {
      if (line.get("status").asText().equals("pending")) {
        pending.add(line.get("transaction_id").asText());
      }
    }
  }

  /** Keeps the first served decision of each transaction: later ones must equal it anyway. */
  private static void collect(DecisionClient.Answer answer, Map<String, JsonNode> served)
      throws IOException {
    for (JsonNode line : answer.lines()) {
      if (line.get("status").asText().equals("decided")) {
        JsonNode previous = served.putIfAbsent(line.get("transaction_id").asText(), line);
        if (previous != null) {
          assertThat(outcome(line)).isEqualTo(outcome(previous));
        }
      }
    }
  }

  /** A decision without what may differ between its computations and answers. */
  private static JsonNode outcome(JsonNode decision) {
    ObjectNode copy = (ObjectNode) decision.deepCopy();
    copy.remove(List.of("status", "latency_ms", "decided_at"));
    return copy;
  }
}
