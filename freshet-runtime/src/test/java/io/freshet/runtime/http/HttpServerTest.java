package io.freshet.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  @Test
  void listensOnLoopbackOnlyUnlessGivenAnotherHost() throws Exception {
    // Given an address of this machine that other machines could reach
    Optional<InetAddress> outward = outwardAddress();
    assumeTrue(outward.isPresent(), "this machine has no non-loopback IPv4 address");
    try (HttpServer server = HttpServer.start(0, () -> HealthReport.of(Map.of()))) {
      // Then the default server answers on loopback and refuses connections there
      assertThat(get(server.port()).statusCode()).isEqualTo(503);
      assertThat(accepts(outward.get(), server.port())).isFalse();
    }
    // When it is told to listen on every interface
    try (HttpServer server =
        HttpServer.start(
            "0.0.0.0",
            0,
            () -> HealthReport.of(Map.of()),
            List.of(),
            new AccessGuard(Optional.of("s3cret-token")))) {
      // Then that address reaches it
      assertThat(accepts(outward.get(), server.port())).isTrue();
    }
  }

  private static Optional<InetAddress> outwardAddress() throws Exception {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst();
  }

  private static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}
