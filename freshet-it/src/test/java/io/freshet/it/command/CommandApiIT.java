package io.freshet.it.command;

import static io.freshet.testkit.fraud.Instants.T0;
import static io.freshet.testkit.fraud.TransactionEnvelopeBuilder.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.pipelines.plugin.IngestStream;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.command.CommandRoutes;
import io.freshet.runtime.command.TransactionalAppender;
import io.freshet.runtime.http.AccessGuard;
import io.freshet.runtime.http.HealthReport;
import io.freshet.runtime.http.HttpServer;
import io.freshet.runtime.kafka.EmbeddedKafkaBroker;
import io.freshet.runtime.kafka.EmbeddedKafkaConfig;
import io.freshet.runtime.kafka.TopicProvisioner;
import io.freshet.testkit.iot.Reading;
import io.freshet.testkit.iot.SensorEnvelopes;
import io.freshet.testkit.kafka.TopicReader;
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
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/events/{stream}} against a real broker: records validated by the pipelines' own
 * codecs, appended in one transaction or not at all, idempotency keys, limits, the token, the
 * OpenAPI document, and 503 (never a hang) when the broker is gone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandApiIT {
  static final String TOKEN = "command-test-token";
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<IngestStream<?>> STREAMS =
      PipelineCatalog.discovered().pipelines().stream()
          .flatMap(p -> p.ingestStreams().stream())
          .toList();

  @TempDir static Path dir;
  EmbeddedKafkaBroker broker;
  TransactionalAppender appender;
  HttpServer http;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() throws Exception {
    broker = startBroker(dir.resolve("kafka"));
    appender =
        new TransactionalAppender(
            broker.bootstrapServers(), "freshet-commands-it", Duration.ofSeconds(3));
    http = serve(() -> appender, Optional.of(TOKEN));
  }

  @AfterAll
  void stop() {
    http.close();
    appender.close();
    broker.close();
  }

  @Test
  void oneEnvelopeIsAppendedKeyedByItsEntity() throws Exception {
    // Given a valid transaction envelope
    String envelope = transaction("txn-cmd-1", "cust-cmd-1", T0).amount(12.5).build();

    // When it is posted to the transactions stream
    HttpResponse<String> answer = post("transactions", envelope, "application/json", Map.of());

    // Then it is accepted with where it landed, and that record holds exactly the envelope, keyed
    // by the customer
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    JsonNode json = JSON.readTree(answer.body());
    assertThat(json.get("stream").asText()).isEqualTo("transactions");
    assertThat(json.get("appended").asInt()).isEqualTo(1);
    JsonNode placed = json.get("records").get(0);
    assertThat(placed.get("event_id").asText())
        .isEqualTo(transaction("txn-cmd-1", "cust-cmd-1", T0).eventId());
    ConsumerRecord<byte[], byte[]> record =
        committedAt("transactions", placed.get("partition").asInt(), placed.get("offset").asLong());
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("cust-cmd-1");
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(envelope);
  }

  @Test
  void anNdjsonBatchIsAppendedInRequestOrder() throws Exception {
    // Given three sensor readings of two devices as NDJSON
    String batch =
        String.join(
            "\n",
            reading("r-1", "dev-a", 20.5),
            reading("r-2", "dev-b", 21.5),
            reading("r-3", "dev-a", 22.5));

    // When the batch is posted
    HttpResponse<String> answer =
        post("sensor-readings", batch + "\n", "application/x-ndjson", Map.of());

    // Then all three are appended, reported in request order, keyed by device
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    JsonNode records = JSON.readTree(answer.body()).get("records");
    assertThat(records).hasSize(3);
    assertThat(records.findValuesAsText("event_id")).containsExactly("r-1", "r-2", "r-3");
    for (int i = 0; i < 3; i++) {
      JsonNode placed = records.get(i);
      ConsumerRecord<byte[], byte[]> record =
          committedAt(
              "sensor-readings", placed.get("partition").asInt(), placed.get("offset").asLong());
      assertThat(new String(record.key(), StandardCharsets.UTF_8))
          .isEqualTo(i == 1 ? "dev-b" : "dev-a");
    }
  }

  @Test
  void oneInvalidRecordRefusesTheWholeRequest() throws Exception {
    // Given a batch of a valid transaction, one with a negative amount and one without a customer
    String batch =
        String.join(
            "\n",
            transaction("txn-ok", "cust-x", T0).build(),
            transaction("txn-neg", "cust-x", T0).amount(-5).build(),
            transaction("txn-nocust", "cust-x", T0).without("payload.customer_id").build());
    long before = endOffsets("transactions");

    // When it is posted
    HttpResponse<String> answer = post("transactions", batch, "application/x-ndjson", Map.of());

    // Then it is refused with one error per bad record naming the field, and nothing is appended
    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode json = JSON.readTree(answer.body());
    assertThat(json.get("error").asText())
        .isEqualTo("2 of 3 records are invalid; nothing of this request was appended");
    JsonNode errors = json.get("errors");
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).get("record").asInt()).isEqualTo(2);
    assertThat(errors.get(0).get("field").asText()).isEqualTo("payload.amount");
    assertThat(errors.get(0).get("error_type").asText()).isEqualTo("INVALID_FIELD");
    assertThat(errors.get(1).get("record").asInt()).isEqualTo(3);
    assertThat(errors.get(1).get("field").asText()).isEqualTo("payload.customer_id");
    assertThat(errors.get(1).get("error_type").asText()).isEqualTo("MISSING_FIELD");
    assertThat(endOffsets("transactions")).isEqualTo(before);
  }

  @Test
  void anIdempotencyKeyReturnsTheOriginalAnswerAndRefusesAnotherBody() throws Exception {
    // Given a transaction posted once with an idempotency key
    String envelope = transaction("txn-idem", "cust-idem", T0).build();
    Map<String, String> key = Map.of("Idempotency-Key", "key-1");
    HttpResponse<String> first = post("transactions", envelope, "application/json", key);
    long after = endOffsets("transactions");

    // When the same request is retried, and another body is sent under the same key
    HttpResponse<String> retry = post("transactions", envelope, "application/json", key);
    HttpResponse<String> other =
        post(
            "transactions",
            transaction("txn-idem-2", "cust-idem", T0).build(),
            "application/json",
            key);

    // Then the retry gets the original answer without a second append, and the other body 422
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(other.body()).get("error").asText())
        .contains("Idempotency-Key 'key-1' was already used for a different request");
    assertThat(endOffsets("transactions")).isEqualTo(after);
  }

  @Test
  void unknownStreamsOversizedBodiesAndMissingTokensAreRefused() throws Exception {
    // When a stream that does not exist is posted to
    HttpResponse<String> unknown = post("payments", "{}", "application/json", Map.of());
    // Then 404 names the streams there are
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("error").asText())
        .isEqualTo(
            "no stream 'payments'; streams: "
                + String.join(", ", STREAMS.stream().map(IngestStream::name).toList()));

    // When a body over 10 MiB is posted, Then 413
    String huge = "x".repeat((int) HttpServer.MAX_REQUEST_BYTES + 1);
    assertThat(post("transactions", huge, "application/json", Map.of()).statusCode())
        .isEqualTo(413);

    // When the token is missing or wrong, Then 401
    String envelope = transaction("txn-tok", "cust-tok", T0).build();
    assertThat(send("transactions", envelope, Optional.empty()).statusCode()).isEqualTo(401);
    assertThat(send("transactions", envelope, Optional.of("wrong-token")).statusCode())
        .isEqualTo(401);

    // When writes are disabled (no token configured), Then 403
    try (HttpServer closed = serve(() -> appender, Optional.empty())) {
      HttpResponse<String> refused =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + closed.port() + "/api/events/transactions"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .POST(HttpRequest.BodyPublishers.ofString(envelope))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(403);
    }
  }

  @Test
  void theOpenApiDocumentDescribesTheCommandApiAndThePipelinesApis() throws Exception {
    // When the OpenAPI document is fetched
    HttpResponse<String> answer =
        client.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/openapi.json")).build(),
            HttpResponse.BodyHandlers.ofString());

    // Then it documents the command route with each of its statuses, the platform's routes and
    // the fraud pipeline's decision API (another module), under the bearer scheme
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(answer.body());
    assertThat(doc.get("info").get("title").asText()).isEqualTo("Freshet API");
    JsonNode post = doc.get("paths").get("/api/events/{stream}").get("post");
    assertThat(post.get("responses").fieldNames())
        .toIterable()
        .containsExactly("202", "400", "401", "403", "404", "413", "422", "503");
    assertThat(doc.get("paths").has("/api/health")).isTrue();
    assertThat(doc.get("paths").has("/api/fraud/decisions")).isTrue();
    assertThat(doc.get("components").get("securitySchemes").has("BearerAuth")).isTrue();
  }

  @Test
  void withTheBrokerGoneTheAnswerIs503AndNothingHangs() throws Exception {
    // Given a command API on a broker of its own that has taken one record
    EmbeddedKafkaBroker doomed = startBroker(dir.resolve("doomed"));
    AtomicReference<TransactionalAppender> own =
        new AtomicReference<>(
            new TransactionalAppender(
                doomed.bootstrapServers(), "freshet-commands-doomed", Duration.ofSeconds(2)));
    try (HttpServer server = serve(own::get, Optional.of(TOKEN))) {
      String url = "http://127.0.0.1:" + server.port() + "/api/events/transactions";
      assertThat(sendTo(url, transaction("txn-d1", "c", T0).build()).statusCode()).isEqualTo(202);

      // When the broker stops and another record is posted
      doomed.close();
      HttpResponse<String> answer = sendTo(url, transaction("txn-d2", "c", T0).build());

      // Then the answer is 503 with when to retry, and says nothing was appended
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.headers().firstValue("Retry-After")).contains("1");
      assertThat(JSON.readTree(answer.body()).get("error").asText())
          .contains("nothing of this request was appended");
    } finally {
      own.get().close();
      doomed.close();
    }
  }

  private HttpServer serve(
      java.util.function.Supplier<TransactionalAppender> appender, Optional<String> token) {
    return HttpServer.start(
        0,
        () -> HealthReport.of(Map.of()),
        List.of(new CommandRoutes(STREAMS, TopicNaming.PRODUCTION, appender)),
        new AccessGuard(token));
  }

  private static EmbeddedKafkaBroker startBroker(Path logDir) throws Exception {
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults(logDir).withPorts(0, 0)).start();
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      List<TopicDescriptor<?, ?>> inputs = new ArrayList<>();
      STREAMS.forEach(s -> inputs.add(s.topic()));
      new TopicProvisioner(admin, (short) 1).ensure(inputs);
    }
    return broker;
  }

  private static String reading(String eventId, String device, double value) {
    return new String(
        SensorEnvelopes.encode(
            new Reading(
                eventId,
                T0.toEpochMilli(),
                device,
                "plant-1",
                "line-1",
                "temperature",
                value,
                "celsius"),
            "command-it"),
        StandardCharsets.UTF_8);
  }

  private String base() {
    return "http://127.0.0.1:" + http.port();
  }

  private HttpResponse<String> post(
      String stream, String body, String contentType, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + "/api/events/" + stream))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String stream, String body, Optional<String> token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + "/api/events/" + stream))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> sendTo(String url, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private ConsumerRecord<byte[], byte[]> committedAt(String topic, int partition, long offset) {
    AtomicReference<ConsumerRecord<byte[], byte[]>> found = new AtomicReference<>();
    try (TopicReader reader = TopicReader.committed(broker.bootstrapServers(), topic)) {
      reader.readUntil(
          (record, at) -> {
            if (record.partition() == partition && record.offset() == offset) {
              found.set(record);
            }
          },
          () -> found.get() != null,
          Duration.ofSeconds(30));
    }
    return found.get();
  }

  private long endOffsets(String topic) {
    try (TopicReader reader = TopicReader.committed(broker.bootstrapServers(), topic)) {
      Map<TopicPartition, Long> ends = reader.endOffsets();
      return ends.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
