package io.freshet.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HttpServerTest {
  @Test
  void healthIs503UntilEveryComponentIsUpThen200() throws Exception {
    Map<String, ComponentHealth> components = new LinkedHashMap<>();
    components.put("kafka", ComponentHealth.up("UP", "1 broker(s)"));
    components.put("job:fraud-detection", ComponentHealth.down("STARTING", "not submitted yet"));
    AtomicReference<HealthReport> report = new AtomicReference<>(HealthReport.of(components));
    try (HttpServer server = HttpServer.start(0, report::get)) {
      HttpResponse<String> starting = get(server.port());
      assertThat(starting.statusCode()).isEqualTo(503);
      assertThat(starting.body())
          .isEqualTo(
              "{\"status\":\"STARTING\",\"components\":{"
                  + "\"kafka\":{\"state\":\"UP\",\"healthy\":true,\"detail\":\"1 broker(s)\"},"
                  + "\"job:fraud-detection\":{\"state\":\"STARTING\",\"healthy\":false,"
                  + "\"detail\":\"not submitted yet\"}}}");

      components.put("job:fraud-detection", ComponentHealth.up("RUNNING", "Flink job running"));
      report.set(HealthReport.of(components));
      HttpResponse<String> up = get(server.port());
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).startsWith("{\"status\":\"UP\"");
    }
  }

  @Test
  void noComponentsIsNotHealthy() {
    assertThat(HealthReport.allUp(HealthReport.of(Map.of()))).isFalse();
  }

  private static HttpResponse<String> get(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/health")).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
