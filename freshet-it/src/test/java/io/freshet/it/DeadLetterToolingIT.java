package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.cli.FreshetCommand;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.core.deadletter.DeadLetterHeader;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.TransactionDecisionCodec;
import io.freshet.core.time.Timestamps;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.runtime.deadletter.DeadLetterRoutes;
import io.freshet.runtime.http.AccessGuard;
import io.freshet.runtime.http.HttpServer;
import io.freshet.testkit.fraud.Instants;
import io.freshet.testkit.fraud.TransactionEnvelopeBuilder;
import io.freshet.testkit.kafka.TestProducer;
import io.freshet.testkit.kafka.TopicReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-letter tooling end to end on the embedded broker and a MiniCluster running the fraud
 * pipeline: a malformed transaction is listed, shown, fixed and replayed into exactly one decision
 * (also when replayed twice), and replayed unfixed it returns to the dead-letter topic with its
 * replay count and provenance, through the CLI and the HTTP API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterToolingIT {
  static final String PIPELINE = "fraud-detection";
  static final String DLQ = FraudTopics.TRANSACTIONS_DLQ.name();
  static final String FIX = "sed 's/\"amount\":\"abc\"/\"amount\":12.5/'";
  static final Pattern ONE_SENT =
      Pattern.compile(
          "Replayed 1 of 1 dead letter\n"
              + Pattern.quote(DLQ)
              + " offset (\\d+) -> transactions partition (\\d+) offset (\\d+)\n");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  FreshetPlatform platform;
  HttpServer http;

  @BeforeAll
  void startPlatform() throws Exception {
    platform = FreshetPlatform.start(TestConfigs.inProcess(dataDir), line -> {});
    http =
        HttpServer.start(
            0,
            platform::health,
            List.of(new DeadLetterRoutes(platform::bootstrapServers)),
            new AccessGuard(Optional.of(TestConfigs.API_TOKEN)));
  }

  @AfterAll
  void stopPlatform() {
    if (http != null) {
      http.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aMalformedTransactionIsFoundFixedReplayedOnceAndReturnsWithItsCountWhenItFailsAgain()
      throws Exception {
    // Given a transaction whose amount is the string "abc", with a header of its own
    TransactionEnvelopeBuilder txn =
        TransactionEnvelopeBuilder.transaction("txn-dlq-1", "cust-dlq", Instants.T0)
            .with("payload.amount", "\"abc\"");
    String original = txn.build();
    produce(txn.key(), original, new RecordHeader("trace", utf8("t-dlq-1")));

    try (TopicReader deadLetters = reader(DLQ);
        TopicReader decisions = reader(FraudTopics.TRANSACTION_DECISIONS.name());
        TopicReader transactions = reader(FraudTopics.TRANSACTIONS.name())) {
      // When the pipeline dead-letters it
      ConsumerRecord<byte[], byte[]> firstRecord = awaitRecords(deadLetters, 1).get(0);
      DeadLetter first = DeadLetterCodec.fromJson(firstRecord.value());
      long offset = firstRecord.offset();

      // Then it is an INVALID_FIELD dead letter of the fraud pipeline, never replayed
      assertThat(first.errorType()).isEqualTo(ErrorType.INVALID_FIELD);
      assertThat(first.errorMessage())
          .isEqualTo(
              "payload.amount is the non-numeric string \"abc\"; expected a finite number >= 0");
      assertThat(first.pipeline()).isEqualTo(PIPELINE);
      assertThat(first.replayCount()).isZero();
      assertThat(first.originalValue()).isEqualTo(original);

      // and dlq list counts it and shows its line with the first 60 characters of the value
      Cli list =
          cli(
              "dlq",
              "list",
              "--pipeline",
              PIPELINE,
              "--error-type",
              "INVALID_FIELD",
              "--since",
              "1h");
      String message = first.errorMessage();
      assertThat(list)
          .isEqualTo(
              new Cli(
                  0,
                  "1 dead letter in "
                      + DEAD_LETTER_TOPICS
                      + "\n"
                      + "\n"
                      + "PIPELINE         ERROR_TYPE     COUNT\n"
                      + "fraud-detection  INVALID_FIELD  1\n"
                      + "\n"
                      + "transactions.dlq\n"
                      + "OFFSET  FAILED_AT                 PIPELINE         ERROR_TYPE     "
                      + String.format("%-" + message.length() + "s", "ERROR_MESSAGE")
                      + "  VALUE\n"
                      + String.format("%-6d", offset)
                      + "  "
                      + Timestamps.format(first.failedAt())
                      + "  fraud-detection  INVALID_FIELD  "
                      + message
                      + "  "
                      + original.substring(0, 60)
                      + "\n",
                  ""));
      assertThat(cli("dlq", "list", "--error-type", "NOT_JSON"))
          .isEqualTo(new Cli(0, "No matching dead letters in " + DEAD_LETTER_TOPICS + "\n", ""));

      // and dlq show prints the whole record
      assertThat(cli("dlq", "show", Long.toString(offset)))
          .isEqualTo(
              new Cli(
                  0,
                  "transactions.dlq offset "
                      + offset
                      + " (partition 0)\n"
                      + "failed_at: "
                      + Timestamps.format(first.failedAt())
                      + "\n"
                      + "pipeline: fraud-detection\n"
                      + "pipeline_version: "
                      + first.pipelineVersion()
                      + "\n"
                      + "error_type: INVALID_FIELD\n"
                      + "error_field: payload.amount\n"
                      + "error_message: "
                      + message
                      + "\n"
                      + "replay_count: 0\n"
                      + "source: transactions partition "
                      + first.sourcePartition()
                      + " offset "
                      + first.sourceOffset()
                      + " at "
                      + Timestamps.format(first.sourceTimestamp())
                      + "\n"
                      + "key: cust-dlq\n"
                      + "headers: 1\n"
                      + "  trace: t-dlq-1\n"
                      + "value (utf-8, "
                      + original.length()
                      + " bytes):\n"
                      + original
                      + "\n"
                      + "stack_trace: -\n",
                  ""));

      // and an offset without a dead letter is reported as such
      assertThat(cli("dlq", "show", "999"))
          .isEqualTo(new Cli(1, "", "No dead letter at offset 999 of transactions.dlq\n"));

      // When it is replayed with a fix script
      Cli fixed =
          cli("dlq", "replay", "--pipeline", PIPELINE, "--offsets", "" + offset, "--fix-with", FIX);

      // Then the fixed value went to the transactions topic with the original key and headers and
      // the provenance of the dead letter
      assertThat(fixed.exit()).isZero();
      Matcher sent = ONE_SENT.matcher(fixed.out());
      assertThat(sent.matches()).as(fixed.out()).isTrue();
      assertThat(Long.parseLong(sent.group(1))).isEqualTo(offset);
      ConsumerRecord<byte[], byte[]> replayed =
          awaitRecord(transactions, Integer.parseInt(sent.group(2)), Long.parseLong(sent.group(3)));
      assertThat(new String(replayed.value(), StandardCharsets.UTF_8))
          .isEqualTo(original.replace("\"amount\":\"abc\"", "\"amount\":12.5"));
      assertThat(new String(replayed.key(), StandardCharsets.UTF_8)).isEqualTo("cust-dlq");
      assertThat(headers(replayed))
          .containsExactly(
              Map.entry("trace", "t-dlq-1"),
              Map.entry("freshet.dlq.topic", DLQ),
              Map.entry("freshet.dlq.partition", "0"),
              Map.entry("freshet.dlq.offset", Long.toString(offset)),
              Map.entry(
                  "freshet.replayed_at",
                  new String(
                      replayed.headers().lastHeader("freshet.replayed_at").value(),
                      StandardCharsets.UTF_8)),
              Map.entry("freshet.replay_count", "1"));
      assertThat(
              Timestamps.parse(
                  new String(
                      replayed.headers().lastHeader("freshet.replayed_at").value(),
                      StandardCharsets.UTF_8)))
          .isGreaterThanOrEqualTo(first.failedAt());

      // and the pipeline decides the transaction exactly once
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> assertThat(decisionsOf(decisions, "txn-dlq-1")).hasSize(1));

      // When the same dead letter is replayed with the fix again, followed by a marker transaction
      // of the same customer (same key, same partition, so it is processed after the replay)
      Cli again =
          cli("dlq", "replay", "--pipeline", PIPELINE, "--offsets", "" + offset, "--fix-with", FIX);
      assertThat(again.exit()).isZero();
      assertThat(ONE_SENT.matcher(again.out()).matches()).as(again.out()).isTrue();
      TransactionEnvelopeBuilder marker =
          TransactionEnvelopeBuilder.transaction(
              "txn-dlq-marker", "cust-dlq", Instants.T0_PLUS_1_MIN);
      produce(marker.key(), marker.build());

      // Then once the marker is decided, the replayed transaction is still decided exactly once:
      // the second replay was a duplicate event_id and skipped
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> assertThat(decisionsOf(decisions, "txn-dlq-marker")).hasSize(1));
      assertThat(decisionsOf(decisions, "txn-dlq-1")).hasSize(1);

      // When it is replayed without a fix
      Cli unfixed = cli("dlq", "replay", "--pipeline", PIPELINE, "--offsets", "" + offset);
      assertThat(unfixed.exit()).isZero();
      assertThat(ONE_SENT.matcher(unfixed.out()).matches()).as(unfixed.out()).isTrue();

      // Then it fails again and returns to the dead-letter topic, replayed once, with provenance
      ConsumerRecord<byte[], byte[]> secondRecord = awaitRecords(deadLetters, 2).get(1);
      DeadLetter second = DeadLetterCodec.fromJson(secondRecord.value());
      assertThat(second.errorType()).isEqualTo(ErrorType.INVALID_FIELD);
      assertThat(second.replayCount()).isEqualTo(1);
      assertThat(second.originalValue()).isEqualTo(original);
      assertThat(second.originalKey()).isEqualTo("cust-dlq");
      assertThat(withoutReplayedAt(second.headers()))
          .containsExactly(
              utf8Header("trace", "t-dlq-1"),
              utf8Header("freshet.dlq.topic", DLQ),
              utf8Header("freshet.dlq.partition", "0"),
              utf8Header("freshet.dlq.offset", Long.toString(offset)),
              utf8Header("freshet.replay_count", "1"));

      // When that dead letter is replayed over HTTP, still unfixed
      HttpResponse<String> replay =
          post(
              "/api/dlq/replay",
              "{\"pipeline\":\"fraud-detection\",\"offsets\":[" + secondRecord.offset() + "]}");

      // Then the answer names it, and it returns replayed twice, naming its latest dead letter
      assertThat(replay.statusCode()).isEqualTo(200);
      JsonNode report = JSON.readTree(replay.body());
      assertThat(report.get("replayed").asInt()).isEqualTo(1);
      assertThat(report.get("sent").get(0).get("dlq_offset").asLong())
          .isEqualTo(secondRecord.offset());
      assertThat(report.get("skipped")).isEmpty();
      ConsumerRecord<byte[], byte[]> thirdRecord = awaitRecords(deadLetters, 3).get(2);
      DeadLetter third = DeadLetterCodec.fromJson(thirdRecord.value());
      assertThat(third.replayCount()).isEqualTo(2);
      assertThat(withoutReplayedAt(third.headers()))
          .containsExactly(
              utf8Header("trace", "t-dlq-1"),
              utf8Header("freshet.dlq.topic", DLQ),
              utf8Header("freshet.dlq.partition", "0"),
              utf8Header("freshet.dlq.offset", Long.toString(secondRecord.offset())),
              utf8Header("freshet.replay_count", "2"));

      // and GET /api/dlq lists all three with their counts, GET /api/dlq/{topic}/{offset} the last
      HttpResponse<String> listed = get("/api/dlq?pipeline=fraud-detection&error_type=&since=");
      assertThat(listed.statusCode()).isEqualTo(200);
      JsonNode listing = JSON.readTree(listed.body());
      assertThat(listing.get("total").asInt()).isEqualTo(3);
      assertThat(listing.get("counts").toString())
          .isEqualTo(
              "[{\"pipeline\":\"fraud-detection\",\"error_type\":\"INVALID_FIELD\",\"count\":3}]");
      List<String> lines = new ArrayList<>();
      for (JsonNode r : listing.get("records")) {
        lines.add(
            r.get("offset").asLong()
                + " "
                + r.get("replay_count").asInt()
                + " "
                + r.get("value_preview").asText());
      }
      String preview = original.substring(0, 60);
      assertThat(lines)
          .containsExactly(
              offset + " 0 " + preview,
              secondRecord.offset() + " 1 " + preview,
              thirdRecord.offset() + " 2 " + preview);
      HttpResponse<String> shown = get("/api/dlq/" + DLQ + "/" + thirdRecord.offset());
      assertThat(shown.statusCode()).isEqualTo(200);
      JsonNode entry = JSON.readTree(shown.body());
      assertThat(entry.get("dead_letter").get("replay_count").asInt()).isEqualTo(2);
      assertThat(entry.get("dead_letter").get("original_value").asText()).isEqualTo(original);
      HttpResponse<String> missing = get("/api/dlq/" + DLQ + "/999");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body())
          .isEqualTo("{\"error\":\"no dead letter at offset 999 of transactions.dlq\"}");
      // and the transaction was still decided exactly once
      assertThat(decisionsOf(decisions, "txn-dlq-1")).hasSize(1);
    }
  }

  /** A finished CLI run: exit status, stdout and stderr. */
  record Cli(int exit, String out, String err) {}

  private Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--bootstrap-servers");
    all.add(platform.bootstrapServers());
    int exit =
        new picocli.CommandLine(new FreshetCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(all.toArray(String[]::new));
    return new Cli(exit, out.toString(), err.toString());
  }

  private static List<ConsumerRecord<byte[], byte[]>> awaitRecords(TopicReader reader, int n) {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(reader.poll()).hasSize(n));
    return reader.records();
  }

  private static ConsumerRecord<byte[], byte[]> awaitRecord(
      TopicReader reader, int partition, long offset) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                reader.poll().stream()
                    .filter(r -> r.partition() == partition && r.offset() == offset)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static List<TransactionDecision> decisionsOf(TopicReader decisions, String txnId) {
    return decisions.poll().stream()
        .map(r -> new TransactionDecisionCodec().decode(r.value()))
        .filter(d -> d.transactionId().equals(txnId))
        .toList();
  }

  private static List<Map.Entry<String, String>> headers(ConsumerRecord<byte[], byte[]> record) {
    List<Map.Entry<String, String>> all = new ArrayList<>();
    for (Header h : record.headers()) {
      all.add(Map.entry(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
    }
    return all;
  }

  /** The headers except freshet.replayed_at, which must be there once as an ISO-8601 instant. */
  private static List<DeadLetterHeader> withoutReplayedAt(List<DeadLetterHeader> headers) {
    List<DeadLetterHeader> replayedAt =
        headers.stream().filter(h -> h.key().equals("freshet.replayed_at")).toList();
    assertThat(replayedAt).hasSize(1);
    assertThat(Timestamps.format(Timestamps.parse(replayedAt.get(0).value())))
        .isEqualTo(replayedAt.get(0).value());
    return headers.stream().filter(h -> !h.key().equals("freshet.replayed_at")).toList();
  }

  private static DeadLetterHeader utf8Header(String key, String value) {
    return new DeadLetterHeader(key, value, DeadLetter.UTF_8);
  }

  private void produce(String key, String value, Header... headers) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        TestProducer.create(platform.bootstrapServers())) {
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(FraudTopics.TRANSACTIONS.name(), utf8(key), utf8(value));
      for (Header h : headers) {
        record.headers().add(h);
      }
      producer.send(record).get();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestConfigs.API_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private TopicReader reader(String topic) {
    return TopicReader.committed(platform.bootstrapServers(), topic);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Every dead-letter topic Freshet owns, as the tools list them. */
  static final String DEAD_LETTER_TOPICS =
      String.join(", ", io.freshet.runtime.deadletter.DeadLetterStore.deadLetterTopics());
}
