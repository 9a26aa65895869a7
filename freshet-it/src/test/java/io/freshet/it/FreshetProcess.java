package io.freshet.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./freshet} from the repository root as a real child process. */
public final class FreshetProcess {
  public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private FreshetProcess() {}

  /** Starts a long-running command (e.g. {@code run}) with its output in {@code log}. */
  public static Process start(Path log, String... args) throws IOException {
    return builder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Runs a command to completion and returns its standard output. */
  public static String runToCompletion(Duration timeout, String... args) throws Exception {
    Path out = Files.createTempFile("freshet-out", ".txt");
    Path err = Files.createTempFile("freshet-err", ".txt");
    Process p = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("freshet " + String.join(" ", args) + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(
          "freshet "
              + String.join(" ", args)
              + " exited "
              + p.exitValue()
              + ": "
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("freshet").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    // The reactor has just built the jars; the script must not start a nested build.
    pb.environment().put("FRESHET_SKIP_BUILD", "1");
    return pb;
  }

  /** Waits until {@code GET /api/health} answers 200. */
  public static void awaitHealthy(int httpPort, Process process, Path log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/api/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    "freshet run exited early:\n" + Files.readString(log, StandardCharsets.UTF_8));
              }
              try {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
                    == 200;
              } catch (IOException e) {
                return false;
              }
            });
  }

  /** The body of {@code GET path} on a running instance, or why there is none (for diagnostics). */
  public static String get(int httpPort, String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "(no answer: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
