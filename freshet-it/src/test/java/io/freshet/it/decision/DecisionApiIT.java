package io.freshet.it.decision;

import static io.freshet.testkit.fraud.Instants.T0;
import static io.freshet.testkit.fraud.TransactionEnvelopeBuilder.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.fraud.Verdict;
import io.freshet.it.FreshetProcess;
import io.freshet.pipelines.fraud.FraudTables;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.fraud.api.FraudDecisionApi;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.plugin.ApiContext;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.runtime.http.AccessGuard;
import io.freshet.runtime.http.HealthReport;
import io.freshet.runtime.http.HttpServer;
import io.freshet.testkit.fraud.TransactionEnvelopeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision API of a running platform (embedded broker, fraud job on the MiniCluster), as a
 * payment gateway uses it: a decision in the response, the numbers behind each rule, idempotent
 * retries, validation before anything is appended, batches in order, the token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionApiIT {
  static final String TOKEN = "gateway-secret-1";

  /** Long enough that the decision is always in the response on a loaded CI machine. */
  static final String WAIT = "?timeout=10s";

  @TempDir static Path dataDir;
  FreshetPlatform platform;
  DecisionClient client;

  @BeforeAll
  void startPlatform() throws Exception {
    platform =
        FreshetPlatform.start(
            FreshetConfig.builder()
                .dataDir(dataDir)
                .kafkaPort(0)
                .controllerPort(0)
                .httpPort(0)
                .flinkPort(0)
                .demo(false)
                .parallelism(2)
                .checkpointInterval(Duration.ofMillis(500))
                .pipelines(List.of("fraud"))
                .apiToken(TOKEN)
                .build(),
            line -> {});
    client = new DecisionClient(platform.httpPort(), TOKEN);
    await().atMost(Duration.ofMinutes(2)).until(() -> HealthReport.allUp(platform.health()));
  }

  @AfterAll
  void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aNewCustomersTransactionIsApprovedInTheResponse() throws Exception {
    // Given a first transaction of a customer never seen
    TransactionEnvelopeBuilder txn = transaction("txn-new-1", "cust-new", T0).amount(42.5);

    // When the gateway posts it
    DecisionClient.Answer answer = client.post(txn.build(), WAIT);

    // Then the response is the decision
    assertThat(answer.status()).isEqualTo(200);
    JsonNode decision = answer.json();
    assertThat(decision.get("status").asText()).isEqualTo("decided");
    assertThat(decision.get("transaction_id").asText()).isEqualTo("txn-new-1");
    assertThat(decision.get("event_id").asText()).isEqualTo(txn.eventId());
    assertThat(decision.get("customer_id").asText()).isEqualTo("cust-new");
    assertThat(decision.get("decision").asText()).isEqualTo("APPROVE");
    assertThat(decision.get("rules_fired")).isEmpty();
    assertThat(decision.get("details")).isEmpty();
    assertThat(decision.get("event_time").asText()).isEqualTo("2026-11-26T12:00:00.000Z");
    assertThat(decision.get("decided_at").asText()).isNotBlank();
    assertThat(decision.get("latency_ms").asDouble()).isPositive();
  }

  @Test
  void theReadmeExampleIsDecided() throws Exception {
    // Given the envelope README.md's curl example posts
    String readme = Files.readString(FreshetProcess.ROOT.resolve("README.md"));
    String body = readme.substring(readme.indexOf("-d '{") + 4, readme.indexOf("}}'") + 2);

    // When it is posted, Then it is approved
    DecisionClient.Answer answer = client.post(body, WAIT);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("transaction_id").asText()).isEqualTo("txn-0001");
    assertThat(answer.json().get("decision").asText()).isEqualTo("APPROVE");
  }

  @Test
  void theSixthTransactionInTwoMinutesIsReviewedWithTheCountBehindIt() throws Exception {
    // Given five transactions of one customer within 50 s, each decided
    for (int i = 0; i < 5; i++) {
      DecisionClient.Answer answer =
          client.post(
              transaction("txn-vel-" + i, "cust-vel", T0.plusSeconds(10L * i)).build(), WAIT);
      assertThat(answer.json().get("decision").asText()).isEqualTo("APPROVE");
    }

    // When a sixth comes 60 s after the first
    JsonNode sixth =
        client.post(transaction("txn-vel-5", "cust-vel", T0.plusSeconds(60)).build(), WAIT).json();

    // Then velocity fires on it, with the count that made it fire
    assertThat(sixth.get("decision").asText()).isEqualTo(Verdict.REVIEW.name());
    assertThat(sixth.get("rules_fired").get(0).asText()).isEqualTo("VELOCITY");
    assertThat(sixth.get("details").get("VELOCITY").get("count").asInt()).isEqualTo(6);
  }

  @Test
  void theSameEventIdAgainReturnsTheOriginalDecision() throws Exception {
    // Given a decided transaction
    String envelope = transaction("txn-again", "cust-again", T0).build();
    JsonNode first = client.post(envelope, WAIT).json();

    // When the gateway retries it with the same event_id
    JsonNode again = client.post(envelope, WAIT).json();

    // Then it gets the original decision, decided_at included, and only one was made
    assertThat(again.get("decided_at")).isEqualTo(first.get("decided_at"));
    assertThat(withoutLatency(again)).isEqualTo(withoutLatency(first));
  }

  @Test
  void anInvalidEnvelopeIsRefusedWithItsFieldAndNothingIsAppended() throws Exception {
    // Given an envelope without an amount, and the end of the transactions topic
    String invalid = transaction("txn-bad", "cust-bad", T0).without("payload.amount").build();
    long before = endOffsetsOfTransactions();

    // When it is posted
    DecisionClient.Answer answer = client.post(invalid, WAIT);

    // Then 400 names the field, and the topic did not grow
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("field").asText()).isEqualTo("payload.amount");
    assertThat(answer.json().get("status").asText()).isEqualTo("invalid");
    assertThat(endOffsetsOfTransactions()).isEqualTo(before);
  }

  @Test
  void aDecisionCanBeFetchedLaterAndAnUnknownOneIsNotFound() throws Exception {
    // Given a decided transaction
    JsonNode posted = client.post(transaction("txn-get", "cust-get", T0).build(), WAIT).json();

    // When it and an unknown one are fetched
    DecisionClient.Answer known = client.get("/api/fraud/decisions/txn-get");
    DecisionClient.Answer unknown = client.get("/api/fraud/decisions/txn-never-sent");

    // Then the first is the same decision and the second is 404
    assertThat(known.status()).isEqualTo(200);
    assertThat(withoutLatency(known.json())).isEqualTo(withoutLatency(posted));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("status").asText()).isEqualTo("unknown");
  }

  @Test
  void aPendingDecisionIsA202WithWhereToFetchIt() throws Exception {
    // Given a timeout far shorter than two trips through the broker
    String envelope = transaction("txn-pending", "cust-pending", T0).build();

    // When it is posted
    DecisionClient.Answer answer = client.post(envelope, "?timeout=1ms");

    // Then it is pending with a Location (or, on an impossibly fast machine, decided), and the
    // Location serves the decision once made
    assertThat(answer.status()).isIn(200, 202);
    if (answer.status() == 202) {
      assertThat(answer.header("Location")).isEqualTo("/api/fraud/decisions/txn-pending");
      assertThat(answer.json().get("status").asText()).isEqualTo("pending");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> client.get("/api/fraud/decisions/txn-pending").status() == 200);
    assertThat(client.get("/api/fraud/decisions/txn-pending").json().get("decision").asText())
        .isEqualTo("APPROVE");
  }

  @Test
  void aBatchIsAnsweredLineByLineInRequestOrder() throws Exception {
    // Given NDJSON of three transactions of two customers
    List<String> envelopes =
        List.of(
            transaction("txn-b-3", "cust-b1", T0).build(),
            transaction("txn-b-1", "cust-b2", T0).build(),
            transaction("txn-b-2", "cust-b1", T0.plusSeconds(1)).build());

    // When they are posted together
    DecisionClient.Answer answer = client.postBatch(envelopes, WAIT);

    // Then there is one decision per line, in the same order
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("application/x-ndjson");
    assertThat(answer.lines().stream().map(l -> l.get("transaction_id").asText()))
        .containsExactly("txn-b-3", "txn-b-1", "txn-b-2");
    assertThat(answer.lines().stream().map(l -> l.get("status").asText())).containsOnly("decided");
  }

  @Test
  void aBatchWithOneInvalidLineAppendsNothing() throws Exception {
    // Given NDJSON whose second line has an unparseable timestamp
    List<String> envelopes =
        List.of(
            transaction("txn-c-1", "cust-c", T0).build(),
            transaction("txn-c-2", "cust-c", T0).timestamp("yesterday").build());
    long before = endOffsetsOfTransactions();

    // When posted
    DecisionClient.Answer answer = client.postBatch(envelopes, WAIT);

    // Then 400 names line 2 and its field, and nothing was appended
    assertThat(answer.status()).isEqualTo(400);
    JsonNode error = answer.json().get("errors").get(0);
    assertThat(error.get("line").asInt()).isEqualTo(2);
    assertThat(error.get("field").asText()).isEqualTo("timestamp");
    assertThat(endOffsetsOfTransactions()).isEqualTo(before);
  }

  @Test
  void aWriteWithoutTheTokenIsRefused() throws Exception {
    // When the gateway forgets the token, or sends a wrong one
    DecisionClient.Answer missing =
        client.postWithoutToken(transaction("txn-tok", "cust-tok", T0).build());
    DecisionClient.Answer wrong =
        new DecisionClient(platform.httpPort(), "not-the-token")
            .post(transaction("txn-tok", "cust-tok", T0).build(), WAIT);

    // Then both are 401 asking for a bearer token, and reads stay open
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(client.get("/api/fraud/decisions/txn-tok").status()).isEqualTo(404);
  }

  @Test
  void whenTheJobIsNotRunningTheApiAnswers503WithRetryAfter() throws Exception {
    // Given a decision API whose job is down
    try (FraudDecisionApi api =
            new FraudDecisionApi(
                new ApiContext(
                    new KafkaConnection(platform.bootstrapServers()),
                    TopicNaming.PRODUCTION,
                    () -> false,
                    Optional::empty),
                FraudTopics.TRANSACTIONS,
                FraudTopics.TRANSACTION_DECISIONS,
                FraudTables.TRANSACTION_DECISIONS);
        HttpServer http =
            HttpServer.start(
                0,
                () -> HealthReport.of(Map.of()),
                List.of(api::register),
                new AccessGuard(Optional.of(TOKEN)))) {
      long before = endOffsetsOfTransactions();

      // When a transaction is posted
      DecisionClient.Answer answer =
          new DecisionClient(http.port(), TOKEN)
              .post(transaction("txn-down", "cust-down", T0).build(), WAIT);

      // Then it is refused at once, with when to retry, and nothing was appended
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.header("Retry-After")).isEqualTo("1");
      assertThat(answer.json().get("error").asText()).contains("not running");
      assertThat(endOffsetsOfTransactions()).isEqualTo(before);
    }
  }

  private static JsonNode withoutLatency(JsonNode decision) {
    com.fasterxml.jackson.databind.node.ObjectNode copy =
        (com.fasterxml.jackson.databind.node.ObjectNode) decision.deepCopy();
    copy.remove("latency_ms");
    return copy;
  }

  private long endOffsetsOfTransactions() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          IntStream.range(0, FraudTopics.TRANSACTIONS.partitions())
              .mapToObj(p -> new TopicPartition(FraudTopics.TRANSACTIONS.name(), p))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
