package io.freshet.bench.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends HTTP requests at a constant arrival rate whatever the server's speed (an open loop), and
 * measures each latency from the moment the request was <em>due</em>, not from when it went out: a
 * server that stalls makes every request scheduled during the stall late, so coordinated omission
 * cannot hide the stall.
 */
public final class OpenLoopClient {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** The schedule starts this late, so the first is not due while the client is still starting. */
  private static final long WARM_START_NANOS = 50_000_000L;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30))
          .build();
  private final URI uri;
  private final String authorization;

  public OpenLoopClient(URI uri, String bearerToken) {
    this.uri = uri;
    this.authorization = "Bearer " + bearerToken;
  }

  /** What came back: one response per body, in order, and the latencies in microseconds. */
  public record Run(List<Response> responses, Histogram micros, double achievedRate) {}

  /** One response; a request that failed without one has status -1 and the error as body. */
  public record Response(int status, String body) {}

  /**
   * Requests in flight at most. Far above rate × latency at the rates measured (2,000 in flight at
   * 20 ms would be 100,000/s), so it never shapes the load of a server that keeps up; it stops a
   * server that falls behind from exhausting the bench's file descriptors (one socket each), which
   * the bench's embedded broker shares. A request waiting for a slot is late, and counted so.
   */
  static final int MAX_IN_FLIGHT = 2_000;

  /**
   * POSTs each of {@code bodies} as JSON, request i sent when due at {@code i / rate} seconds while
   * fewer than {@value #MAX_IN_FLIGHT} are in flight (an asynchronous client opens another
   * connection rather than queue), and waits for every answer. A pool of a few dozen connections
   * would cap the rate at pool size / latency and charge the client's own queueing to the server.
   */
  public Run post(List<byte[]> bodies, double rate) throws InterruptedException {
    // Auto-resizing: a latency counted from the due time has no upper bound when the server falls
    // behind, and a fixed range would throw and lose the request's answer.
    Histogram micros = new ConcurrentHistogram(3);
    Response[] responses = new Response[bodies.size()];
    CountDownLatch answered = new CountDownLatch(bodies.size());
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    long interval = Math.round(1e9 / rate);
    long start = System.nanoTime() + WARM_START_NANOS;
    for (int i = 0; i < responses.length; i++) {
      int index = i;
      long due = start + i * interval;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      http.sendAsync(request(bodies.get(i)), HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (response, failure) -> {
                micros.recordValue(Math.max(0, (System.nanoTime() - due) / 1_000));
                responses[index] =
                    failure == null
                        ? new Response(response.statusCode(), response.body())
                        : new Response(-1, failure.toString());
                inFlight.release();
                answered.countDown();
              });
    }
    // Every request has its own timeout, so each one completes.
    answered.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(List.of(responses), micros, responses.length / Math.max(seconds, 1e-9));
  }

  private HttpRequest request(byte[] body) {
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header("Authorization", authorization)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /** GETs {@code target} with the token, for a decision that was pending. */
  public Response getOne(URI target) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(target)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  /** Sends one request and waits for it, for warm-up and checks. */
  public Response postOne(byte[] body) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request(body), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }
}
