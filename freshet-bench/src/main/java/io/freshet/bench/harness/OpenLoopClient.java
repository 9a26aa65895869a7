package io.freshet.bench.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** The schedule starts this late, so every worker thread is waiting when the first is due. */
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
   * Concurrent connections, like a payment gateway's pool. Enough not to shape the load of a server
   * that meets the targets (256 / 20 ms = 12,800 requests/s), and bounded, so a server that falls
   * behind is not also flooded with connections: an unbounded asynchronous client measured lower
   * throughput and exhausted the bench JVM's file descriptors, which its embedded broker shares.
   */
  static final int CONNECTIONS = 256;

  /**
   * POSTs each of {@code bodies} as JSON, request i due at {@code i / rate} seconds, over {@value
   * #CONNECTIONS} connections; waits for every answer. A request due while every connection is busy
   * waits for one, and that wait is part of its latency.
   */
  public Run post(List<byte[]> bodies, double rate) throws InterruptedException {
    // Auto-resizing: a latency counted from the due time has no upper bound when the server falls
    // behind, and a fixed range would throw in the worker and lose the request's answer.
    Histogram micros = new ConcurrentHistogram(3);
    Response[] responses = new Response[bodies.size()];
    long interval = Math.round(1e9 / rate);
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime() + WARM_START_NANOS;
    Thread[] workers = new Thread[CONNECTIONS];
    for (int w = 0; w < workers.length; w++) {
      workers[w] =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement();
                    i < responses.length;
                    i = next.getAndIncrement()) {
                  long due = start + i * interval;
                  for (long wait = due - System.nanoTime();
                      wait > 0;
                      wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                  }
                  Response response = send(bodies.get(i));
                  micros.recordValue(Math.max(0, (System.nanoTime() - due) / 1_000));
                  responses[i] = response;
                }
              },
              "open-loop-" + w);
      workers[w].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(List.of(responses), micros, responses.length / Math.max(seconds, 1e-9));
  }

  private Response send(byte[] body) {
    try {
      return postOne(body);
    } catch (IOException e) {
      return new Response(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(-1, e.toString());
    }
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
