package io.freshet.it.alerts;

import static io.freshet.testkit.fraud.TransactionEnvelopeBuilder.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.it.ListeningSockets;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.runtime.http.HealthReport;
import io.freshet.testkit.kafka.TopicReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert workflow on a running platform: a velocity burst appended through the command API
 * raises an alert; operators' commands are checked against its status, appended to {@code
 * alert-actions}, and its status is a read model that a replay of the log rebuilds exactly, also as
 * of a past time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertWorkflowIT {
  static final String TOKEN = "alert-workflow-token";
  static final String ALERT = "VELOCITY:wf-customer-6";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  FreshetPlatform platform;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    platform =
        FreshetPlatform.start(
            FreshetConfig.builder()
                .dataDir(dataDir)
                .kafkaPort(0)
                .controllerPort(0)
                .httpPort(0)
                .flinkPort(0)
                .demo(false)
                .parallelism(1)
                .checkpointInterval(Duration.ofMillis(500))
                .pipelines(List.of("fraud"))
                .apiToken(TOKEN)
                .build(),
            line -> {});
    await().atMost(Duration.ofMinutes(2)).until(() -> HealthReport.allUp(platform.health()));
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void operatorsWorkAnAlertThroughItsStatusesAndTheLogRebuildsEveryStep() throws Exception {
    // Given six transactions of one customer within a minute, appended through the command API
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String burst =
        IntStream.rangeClosed(1, 6)
            .mapToObj(
                i ->
                    transaction("wf-customer-" + i, "wf-customer", start.plusSeconds(10L * (i - 1)))
                        .build())
            .collect(Collectors.joining("\n"));
    assertThat(
            send("POST", "/api/events/transactions", burst, "application/x-ndjson", TOKEN)
                .statusCode())
        .isEqualTo(202);

    // When its velocity alert is raised, it is open with no history
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> get("/api/alerts/" + ALERT).statusCode() == 200);
    JsonNode opened = json(get("/api/alerts/" + ALERT));
    assertThat(opened.get("status").asText()).isEqualTo("OPEN");
    assertThat(opened.get("alert").get("rule").asText()).isEqualTo("VELOCITY");
    assertThat(opened.get("history")).isEmpty();

    // When an operator acknowledges it, Then it is acknowledged; a second acknowledgement is 409
    JsonNode acked = json(act("{\"action\":\"acknowledge\",\"actor\":\"ana\"}", 200));
    assertThat(acked.get("status").asText()).isEqualTo("ACKNOWLEDGED");
    JsonNode twice = json(act("{\"action\":\"acknowledge\",\"actor\":\"ben\"}", 409));
    assertThat(twice.get("error").asText())
        .isEqualTo("alert " + ALERT + " is already ACKNOWLEDGED");

    // When it is commented on and resolved as a false positive, Then it is resolved with the
    // whole history, and resolving again is 409
    act(
        "{\"action\":\"comment\",\"actor\":\"ana\",\"comment\":\"customer confirms the purchases\"}",
        200);
    JsonNode resolved =
        json(
            act(
                "{\"action\":\"resolve\",\"actor\":\"ben\",\"resolution\":\"FALSE_POSITIVE\"}",
                200));
    assertThat(resolved.get("status").asText()).isEqualTo("RESOLVED");
    assertThat(resolved.get("resolution").asText()).isEqualTo("FALSE_POSITIVE");
    JsonNode history = resolved.get("history");
    assertThat(history.findValuesAsText("action"))
        .containsExactly("alert.acknowledged", "alert.commented", "alert.resolved");
    assertThat(history.findValuesAsText("actor")).containsExactly("ana", "ana", "ben");
    assertThat(history.get(1).get("comment").asText()).isEqualTo("customer confirms the purchases");
    assertThat(
            json(act(
                    "{\"action\":\"resolve\",\"actor\":\"ana\",\"resolution\":\"TRUE_FRAUD\"}",
                    409))
                .get("error")
                .asText())
        .isEqualTo("alert " + ALERT + " is already resolved as FALSE_POSITIVE");

    // And invalid commands are refused before anything is appended
    assertThat(json(act("{\"action\":\"resolve\",\"actor\":\"ana\"}", 400)).get("field").asText())
        .isEqualTo("resolution");
    assertThat(
            send(
                    "POST",
                    "/api/alerts/VELOCITY:nobody-1/actions",
                    "{\"action\":\"acknowledge\",\"actor\":\"ana\"}",
                    "application/json",
                    TOKEN)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            send(
                    "POST",
                    "/api/alerts/" + ALERT + "/actions",
                    "{\"action\":\"comment\",\"actor\":\"x\",\"comment\":\"y\"}",
                    "application/json",
                    null)
                .statusCode())
        .isEqualTo(401);
    try (TopicReader actions =
        TopicReader.committed(platform.bootstrapServers(), FraudTopics.ALERT_ACTIONS.name())) {
      assertThat(actions.countToEnd(Duration.ofSeconds(30))).isEqualTo(3);
    }

    // Then the log rebuilds the status as it was at each step
    String detected = opened.get("alert").get("detected_at").asText();
    String commentedAt = history.get(1).get("at").asText();
    assertThat(asOf(Instant.parse(detected).minusMillis(1).toString()).statusCode()).isEqualTo(404);
    assertThat(json(asOf(detected)).get("status").asText()).isEqualTo("OPEN");
    JsonNode midway = json(asOf(commentedAt));
    assertThat(midway.get("status").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(midway.get("history")).hasSize(2);
    assertThat(asOf("yesterday").statusCode()).isEqualTo(400);

    // And replaying the whole log rebuilds exactly the live statuses of every alert
    String later = Instant.now().plus(1, ChronoUnit.HOURS).toString();
    for (JsonNode live : json(get("/api/alerts?limit=500")).get("alerts")) {
      ObjectNode replayed =
          (ObjectNode)
              json(get("/api/alerts/" + live.get("alert_id").asText() + "?as_of=" + later));
      replayed.remove("as_of");
      assertThat(replayed).isEqualTo(live);
    }

    // And the rule's precision counts the false positive
    JsonNode velocity = null;
    for (JsonNode rule : json(get("/api/fraud/precision")).get("rules")) {
      if (rule.get("rule").asText().equals("VELOCITY")) {
        velocity = rule;
      }
    }
    assertThat(velocity).isNotNull();
    assertThat(velocity.get("resolved").asLong()).isEqualTo(1);
    assertThat(velocity.get("false_positive").asLong()).isEqualTo(1);
    assertThat(velocity.get("precision").asDouble()).isEqualTo(0.0);
  }

  @Test
  void byDefaultTheRunningPlatformListensOnLoopbackOnly() throws Exception {
    // Given the platform with default hosts (embedded broker, Flink MiniCluster, HTTP)
    // When the sockets this process listens on are listed
    List<ListeningSockets.Listener> listeners = ListeningSockets.ofThisProcess();

    // Then there are some (broker, controller, HTTP, Flink REST, blob server…), all on loopback
    assertThat(listeners).extracting(ListeningSockets.Listener::port).contains(platform.httpPort());
    assertThat(listeners).allMatch(ListeningSockets.Listener::loopback, "listens on loopback");
  }

  private HttpResponse<String> asOf(String instant) throws Exception {
    return get(
        "/api/alerts/" + ALERT + "?as_of=" + URLEncoder.encode(instant, StandardCharsets.UTF_8));
  }

  private HttpResponse<String> act(String body, int expected) throws Exception {
    HttpResponse<String> answer =
        send("POST", "/api/alerts/" + ALERT + "/actions", body, "application/json", TOKEN);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
    return answer;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null, null, null);
  }

  private HttpResponse<String> send(
      String method, String path, String body, String contentType, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort() + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> answer) throws Exception {
    return JSON.readTree(answer.body());
  }
}
