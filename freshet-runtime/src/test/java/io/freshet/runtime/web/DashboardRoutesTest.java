package io.freshet.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.pipelines.plugin.DashboardPage;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.PipelineContext;
import io.freshet.pipelines.topic.Codecs;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.runtime.http.AccessGuard;
import io.freshet.runtime.http.HealthReport;
import io.freshet.runtime.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's HTTP side without a browser: the shell with its security headers, the pages the
 * pipelines declare and their scripts, the same-origin socket, and frames batched per feed.
 */
class DashboardRoutesTest {
  private static final TopicDescriptor<String, String> ALERTS =
      new TopicDescriptor<>("alerts", 1, Duration.ofDays(1), Map.of(), Codecs.UTF8, Codecs.UTF8);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theShellComesWithItsSecurityHeadersAndThePipelinesPagesAreDescribedAndServed()
      throws Exception {
    // Given a server with one pipeline declaring a page (its script ships in test resources)
    LiveHub hub = new LiveHub(new ObjectMapper());
    try (hub;
        HttpServer server = server(hub, new Paged())) {
      // When the shell is fetched
      HttpResponse<String> shell = get(server, "/");
      // Then it is the page, with a CSP that allows no inline script, and nosniff
      assertThat(shell.statusCode()).isEqualTo(200);
      assertThat(shell.body()).contains("<script src=\"/app.js\"></script>");
      assertThat(shell.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("script-src 'self';")
          .doesNotContain("unsafe-inline");
      assertThat(shell.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(get(server, "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").statusCode())
          .isEqualTo(200);

      // and the description names the page, its script and feeds
      assertThat(get(server, "/api/dashboard").body())
          .startsWith(
              "{\"pages\":[{\"id\":\"paged\",\"title\":\"Paged\",\"script\":\"/pages/paged.js\","
                  + "\"feeds\":[\"alerts\"]}],\"links\":{\"metrics\":\"/metrics\"}");
      // and only declared scripts are served
      HttpResponse<String> script = get(server, "/pages/paged.js");
      assertThat(script.statusCode()).isEqualTo(200);
      assertThat(script.body()).contains("Freshet.page(\"paged\"");
      assertThat(get(server, "/pages/other.js").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void theSocketRefusesOtherOriginsAndGetsOneFramePerBatchWithTheFeedsRecords() throws Exception {
    LiveHub hub = new LiveHub(new ObjectMapper());
    try (hub;
        HttpServer server = server(hub, new Paged())) {
      URI socket = URI.create("ws://localhost:" + server.port() + DashboardRoutes.SOCKET_PATH);
      // Given a page of another site
      assertThatThrownBy(
              () ->
                  http.newWebSocketBuilder()
                      .header("Origin", "http://evil.example")
                      .buildAsync(socket, new Frames())
                      .join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(WebSocketHandshakeException.class);

      // Given a page of this server
      Frames frames = new Frames();
      WebSocket open =
          http.newWebSocketBuilder()
              .header("Origin", "http://localhost:" + server.port())
              .buildAsync(socket, frames)
              .get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> hub.sockets() == 1);
      // When records of a feed are published in two calls
      ObjectMapper mapper = new ObjectMapper();
      hub.publish("alerts", List.of(mapper.readTree("{\"id\":1}")));
      hub.publish("alerts", List.of(mapper.readTree("{\"id\":2}")));
      // Then one frame carries both, in order
      await().atMost(Duration.ofSeconds(10)).until(() -> !frames.texts.isEmpty());
      var frame = mapper.readTree(frames.texts.get(0));
      assertThat(frame.get("seq").asLong()).isEqualTo(1);
      assertThat(frame.at("/feeds/alerts/records").toString()).isEqualTo("[{\"id\":1},{\"id\":2}]");
      assertThat(frame.at("/feeds/alerts/skipped").asLong()).isZero();
      open.abort();
    }
  }

  @Test
  void beyondLoopbackTheSocketNeedsTheToken() throws Exception {
    // Given a dashboard whose reads need the token (as on a non-loopback host)
    LiveHub hub = new LiveHub(new ObjectMapper());
    AccessGuard guard = new AccessGuard(Optional.of("socket-token-1"), true);
    try (hub;
        HttpServer server = server(hub, new Paged(), guard)) {
      String socket = "ws://localhost:" + server.port() + DashboardRoutes.SOCKET_PATH;
      String origin = "http://localhost:" + server.port();

      // When the socket is opened without and with a wrong token, Then the handshake fails
      for (String url : List.of(socket, socket + "?token=wrong")) {
        assertThatThrownBy(
                () ->
                    http.newWebSocketBuilder()
                        .header("Origin", origin)
                        .buildAsync(URI.create(url), new Frames())
                        .join())
            .hasCauseInstanceOf(WebSocketHandshakeException.class);
      }
      // and the pages' description needs the token, but the scripts do not
      assertThat(get(server, "/api/dashboard").statusCode()).isEqualTo(401);
      assertThat(get(server, "/pages/paged.js").statusCode()).isEqualTo(200);
      // (503 rather than 200 only because this server has no components to be up)
      assertThat(get(server, "/api/health").statusCode()).isEqualTo(503);

      // When it is opened with the token, Then it connects
      WebSocket open =
          http.newWebSocketBuilder()
              .header("Origin", origin)
              .buildAsync(URI.create(socket + "?token=socket-token-1"), new Frames())
              .get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> hub.sockets() == 1);
      open.abort();
    }
  }

  private static HttpServer server(LiveHub hub, FreshetPipeline pipeline) {
    return server(hub, pipeline, new AccessGuard(Optional.empty()));
  }

  private static HttpServer server(LiveHub hub, FreshetPipeline pipeline, AccessGuard guard) {
    return HttpServer.start(
        0,
        () -> HealthReport.of(Map.of()),
        List.of(new DashboardRoutes(List.of(pipeline), hub, Optional::empty, guard)),
        guard);
  }

  private HttpResponse<String> get(HttpServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Collects the text frames a socket receives. */
  private static final class Frames implements WebSocket.Listener {
    final List<String> texts = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }
  }

  /** A pipeline that has nothing but a dashboard page. */
  private static final class Paged implements FreshetPipeline {
    @Override
    public String name() {
      return "paged";
    }

    @Override
    public String description() {
      return "a page only";
    }

    @Override
    public List<TopicDescriptor<?, ?>> topics() {
      return List.of(ALERTS);
    }

    @Override
    public Duration latencySla() {
      return Duration.ofSeconds(1);
    }

    @Override
    public void wire(StreamExecutionEnvironment env, PipelineContext context) {}

    @Override
    public Optional<DashboardPage> dashboard() {
      return Optional.of(new DashboardPage("Paged", "paged.js", List.of(ALERTS)));
    }
  }
}
