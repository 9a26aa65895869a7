package io.freshet.it.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A payment gateway's view of the decision API: POST envelopes, GET decisions, JSON back. */
final class DecisionClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  DecisionClient(int port, String token) {
    this.base = "http://localhost:" + port;
    this.token = token;
  }

  /** POSTs one envelope with {@code query} (e.g. {@code ?timeout=5s}). */
  Answer post(String envelope, String query) throws IOException, InterruptedException {
    return send(
        authorized(HttpRequest.newBuilder(URI.create(base + "/api/fraud/decisions" + query)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(envelope))
            .build());
  }

  /** POSTs NDJSON, one envelope per line. */
  Answer postBatch(List<String> envelopes, String query) throws IOException, InterruptedException {
    return send(
        authorized(HttpRequest.newBuilder(URI.create(base + "/api/fraud/decisions" + query)))
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", envelopes) + "\n"))
            .build());
  }

  /** POSTs without any Authorization header. */
  Answer postWithoutToken(String envelope) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/api/fraud/decisions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(envelope))
            .build());
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.headers(), response.body());
  }

  /** A response: status, headers, body. */
  record Answer(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    List<JsonNode> lines() throws IOException {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : body.split("\n")) {
        if (!line.isBlank()) {
          lines.add(JSON.readTree(line));
        }
      }
      return lines;
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }
}
