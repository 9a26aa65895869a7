package io.freshet.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.core.envelope.ErrorType;
import io.freshet.runtime.http.AccessGuard;
import io.freshet.runtime.http.HealthReport;
import io.freshet.runtime.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP answers that need no broker: bad requests, unknown topics, Kafka not started. */
class DeadLetterRoutesTest {
  static final String TOKEN = "dead-letter-token";

  // Nothing listens there; none of these requests may get as far as connecting.
  private static final Supplier<String> NO_BROKER = () -> "localhost:1";

  @Test
  void aReplayBodyNamesThePipelineAndOptionallyErrorTypeOffsetsAndTopic() {
    // Given a replay body with every field
    byte[] body =
        utf8(
            "{\"pipeline\":\"fraud-detection\",\"error_type\":\"invalid_field\","
                + "\"offsets\":[3,7,9],\"topic\":\"transactions.dlq\"}");

    // When it is parsed
    DeadLetterFilter filter = DeadLetterRoutes.replayFilter(body);

    // Then it selects exactly that
    assertThat(filter)
        .isEqualTo(
            new DeadLetterFilter(
                "transactions.dlq",
                "fraud-detection",
                ErrorType.INVALID_FIELD,
                null,
                Set.of(3L, 7L, 9L)));
    assertThat(DeadLetterRoutes.replayFilter(utf8("{\"pipeline\":\"p\"}")))
        .isEqualTo(DeadLetterFilter.all().withPipeline("p"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[1] | the body must be a JSON object like {\"pipeline\":\"fraud-detection\"}",
        "{} | pipeline is required",
        "{\"pipeline\":\" \"} | pipeline is required",
        "{\"pipeline\":1} | pipeline must be a string",
        "{\"pipeline\":\"p\",\"offsets\":3} | offsets must be an array of offsets",
        "{\"pipeline\":\"p\",\"offsets\":[1,-2]} | offsets must be non-negative integers, not -2",
        "{\"pipeline\":\"p\",\"offsets\":[1.5]} | offsets must be non-negative integers, not 1.5",
        "{\"pipeline\":\"p\",\"offsets\":[]} | offsets is empty; leave it out to replay all",
        "{\"pipeline\":\"p\",\"fix_with\":\"sed\"} | unknown field 'fix_with'; a replay takes"
            + " pipeline, error_type, offsets and topic (fix scripts and editing are only in the"
            + " CLI)"
      })
  void aBadReplayBodyIsRefusedSayingWhy(String body, String message) {
    // Given a replay body that is wrong in one way
    // When it is parsed
    // Then the error says what is wrong
    assertThatThrownBy(() -> DeadLetterRoutes.replayFilter(utf8(body)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void badRequestsAre400UnknownTopics404AndAMissingBroker503() throws Exception {
    // Given the routes served before and after the broker's address is known
    try (HttpServer starting = serve(() -> null);
        HttpServer running = serve(NO_BROKER)) {
      // When requests are wrong, name unknown topics, or come before Kafka is up
      // Then each gets its status and an error saying why
      assertThat(call(running, "GET", "/api/dlq?error_type=nope", null))
          .startsWith("400 {\"error\":\"unknown error type 'nope'; expected one of TOMBSTONE,");
      assertThat(call(running, "GET", "/api/dlq?since=yesterday", null))
          .isEqualTo(
              "400 {\"error\":\"'yesterday' is not a time; use an ISO-8601 instant"
                  + " (2026-11-26T12:00:00Z), a date (2026-11-26) or a duration back from now"
                  + " (30m, 2h, 7d)\"}");
      assertThat(call(running, "GET", "/api/dlq/transactions.dlq/abc", null))
          .isEqualTo("400 {\"error\":\"offset 'abc' is not a number\"}");
      assertThat(call(running, "GET", "/api/dlq/transactions/3", null))
          .isEqualTo(
              "404 {\"error\":\"transactions is not a dead-letter topic; expected one of "
                  + DEAD_LETTER_TOPICS
                  + "\"}");
      assertThat(call(running, "GET", "/api/dlq?topic=transactions", null))
          .isEqualTo(
              "404 {\"error\":\"transactions is not a dead-letter topic; expected one of "
                  + DEAD_LETTER_TOPICS
                  + "\"}");
      assertThat(call(running, "POST", "/api/dlq/replay", "not json"))
          .startsWith("400 {\"error\":\"the body is not JSON: ");
      assertThat(call(starting, "GET", "/api/dlq", null))
          .isEqualTo("503 {\"error\":\"Kafka is not started yet\"}");
      assertThat(call(starting, "POST", "/api/dlq/replay", "{\"pipeline\":\"p\"}"))
          .isEqualTo("503 {\"error\":\"Kafka is not started yet\"}");
    }
  }

  private static HttpServer serve(Supplier<String> bootstrapServers) {
    return HttpServer.start(
        0,
        () -> HealthReport.of(Map.of()),
        List.of(new DeadLetterRoutes(bootstrapServers)),
        new AccessGuard(Optional.of(TOKEN)));
  }

  private static String call(HttpServer server, String method, String path, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Authorization", "Bearer " + TOKEN)
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return response.statusCode() + " " + response.body();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Every dead-letter topic Freshet owns, as the tools list them. */
  static final String DEAD_LETTER_TOPICS =
      String.join(", ", io.freshet.runtime.deadletter.DeadLetterStore.deadLetterTopics());
}
