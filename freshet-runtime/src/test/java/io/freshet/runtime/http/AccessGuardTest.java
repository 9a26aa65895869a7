package io.freshet.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.pipelines.plugin.ApiRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The token rule: writes always, reads beyond loopback, health never. */
class AccessGuardTest {
  static final String TOKEN = "s3cret-token";

  @Test
  void aWriteNeedsTheBearerToken() throws Exception {
    // Given a server with a write route, a read route, and a token
    try (HttpServer server = serverWithToken(Optional.of(TOKEN))) {
      // When writes come without, with a wrong and with the right token
      HttpResponse<String> missing = post(server.port(), null);
      HttpResponse<String> wrong = post(server.port(), "Bearer not-it");
      HttpResponse<String> basic = post(server.port(), "Basic " + TOKEN);
      HttpResponse<String> right = post(server.port(), "Bearer " + TOKEN);

      // Then only the right token gets through, and the others are told how to authenticate
      assertThat(missing.statusCode()).isEqualTo(401);
      assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(basic.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.body()).isEqualTo("written");
      // and reads need nothing
      assertThat(get(server.port()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withoutATokenEveryWriteIsRefused() throws Exception {
    try (HttpServer server = serverWithToken(Optional.empty())) {
      HttpResponse<String> write = post(server.port(), "Bearer anything");

      assertThat(write.statusCode()).isEqualTo(403);
      assertThat(write.body()).contains("--api-token");
      assertThat(get(server.port()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void beyondLoopbackReadsNeedTheTokenButHealthDoesNot() throws Exception {
    // Given a guard for a server reachable from other machines
    AccessGuard guard = AccessGuard.forHost("0.0.0.0", Optional.of(TOKEN));
    assertThat(guard.readsNeedToken()).isTrue();
    assertThat(AccessGuard.forHost("127.0.0.1", Optional.of(TOKEN)).readsNeedToken()).isFalse();
    assertThat(AccessGuard.forHost("localhost", Optional.of(TOKEN)).readsNeedToken()).isFalse();
    try (HttpServer server = server(guard)) {
      // When reads come without and with the token
      HttpResponse<String> without = get(server.port(), "/api/things", null);
      HttpResponse<String> with = get(server.port(), "/api/things", "Bearer " + TOKEN);

      // Then only the one with it is answered; health stays open for probes
      assertThat(without.statusCode()).isEqualTo(401);
      assertThat(without.body()).contains("reads need 'Authorization: Bearer");
      assertThat(with.statusCode()).isEqualTo(200);
      // (503 rather than 200 only because this server has no components to be up)
      assertThat(get(server.port(), "/api/health", null).statusCode()).isEqualTo(503);
    }
  }

  private static HttpServer serverWithToken(Optional<String> token) {
    return server(new AccessGuard(token));
  }

  private static HttpServer server(AccessGuard guard) {
    return HttpServer.start(
        0,
        () -> HealthReport.of(Map.of()),
        List.of(
            app -> {
              app.post("/api/things", ctx -> ctx.result("written"), ApiRole.WRITE);
              app.get("/api/things", ctx -> ctx.result("read"), ApiRole.READ);
            }),
        guard);
  }

  private static HttpResponse<String> get(int port, String path, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(int port, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/things"))
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/things")).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
