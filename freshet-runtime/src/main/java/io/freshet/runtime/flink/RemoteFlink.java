package io.freshet.runtime.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;

/**
 * A Flink session cluster the platform does not run: its JobManager's REST API tells which of the
 * pipelines' jobs (submitted with {@code freshet submit}) run, found by job name.
 */
public final class RemoteFlink implements FlinkCluster {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How old a status handed to health checks and APIs may be: the decision API asks on every
   * request, and one {@code /jobs/overview} per second is nothing to a JobManager.
   */
  static final Duration STATUS_MAX_AGE = Duration.ofSeconds(1);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  private final String jobManager;
  private final URI rest;
  private final HttpClient http;
  private final Overview overview;

  /** What the last read found; a failure is kept like a value, so it is not retried per caller. */
  private final RecentValue<Read> statuses =
      new RecentValue<>(this::read, STATUS_MAX_AGE, System::nanoTime);

  /** The statuses by job name, or why the cluster could not be read. */
  private record Read(
      Map<String, JobStatus> statuses, Optional<FlinkUnavailableException> failure) {}

  /** One job of {@code /jobs/overview}. */
  record Job(String name, JobStatus status, long startTime) {}

  /** What {@code GET /overview} says about the cluster, for the start-up banner. */
  public record Overview(String flinkVersion, int taskManagers, int slots) {}

  private RemoteFlink(String jobManager, URI rest, HttpClient http, Overview overview) {
    this.jobManager = jobManager;
    this.rest = rest;
    this.http = http;
    this.overview = overview;
  }

  /**
   * Connects to the JobManager at {@code jobManager} ({@code HOST:PORT} of its REST API).
   *
   * @throws FlinkUnavailableException when it does not answer, naming the address
   */
  public static RemoteFlink connect(String jobManager) {
    URI rest = URI.create("http://" + jobManager + "/");
    HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    JsonNode overview;
    try {
      overview = get(http, rest, "overview");
    } catch (IOException e) {
      throw new FlinkUnavailableException(
          "The Flink JobManager at "
              + jobManager
              + " (--jobmanager) does not answer on its REST API ("
              + rest
              + "overview): "
              + reason(e)
              + ". Start the Flink cluster, or give the address of its JobManager's REST port.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlinkUnavailableException("Interrupted connecting to " + jobManager, e);
    }
    return new RemoteFlink(
        jobManager,
        rest,
        http,
        new Overview(
            overview.path("flink-version").asText("?"),
            overview.path("taskmanagers").asInt(),
            overview.path("slots-total").asInt()));
  }

  /** The cluster as it was when the platform connected. */
  public Overview overview() {
    return overview;
  }

  @Override
  public Map<String, JobStatus> jobStatuses() {
    Read read = statuses.get();
    if (read.failure().isPresent()) {
      // A new exception per caller: the cached one's stack trace is the reader's, not theirs.
      FlinkUnavailableException failure = read.failure().get();
      throw new FlinkUnavailableException(failure.getMessage(), failure.getCause());
    }
    return read.statuses();
  }

  /**
   * Every job name once: a pipeline cancelled and submitted again leaves its old job in the
   * cluster's history, so a job that is not finished wins over one that is, then the newest.
   */
  private Read read() {
    Map<String, Job> byName = new LinkedHashMap<>();
    try {
      for (JsonNode node : get(http, rest, "jobs/overview").path("jobs")) {
        Job job =
            new Job(
                node.path("name").asText(),
                jobStatus(node.path("state").asText()),
                node.path("start-time").asLong());
        byName.merge(job.name(), job, RemoteFlink::preferred);
      }
    } catch (IOException | FlinkUnavailableException e) {
      return new Read(
          Map.of(),
          Optional.of(
              new FlinkUnavailableException(
                  "Flink's REST API at " + rest + " could not be read: " + reason(e), e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Read(
          Map.of(), Optional.of(new FlinkUnavailableException("Interrupted reading " + rest, e)));
    }
    Map<String, JobStatus> read = new LinkedHashMap<>();
    byName.forEach((name, job) -> read.put(name, job.status()));
    return new Read(Collections.unmodifiableMap(read), Optional.empty());
  }

  /** Of two jobs of one name, the one that stands for the pipeline. */
  static Job preferred(Job a, Job b) {
    return Collections.max(
        List.of(a, b),
        Comparator.comparing((Job j) -> !j.status().isGloballyTerminalState())
            .thenComparingLong(Job::startTime));
  }

  private static JobStatus jobStatus(String state) {
    try {
      return JobStatus.valueOf(state);
    } catch (IllegalArgumentException e) {
      throw new FlinkUnavailableException("unknown job state '" + state + "'", e);
    }
  }

  /** Submitting is {@code freshet submit}'s job; the platform only reads. */
  @Override
  public MissingJob missingJob(String pipeline) {
    return new MissingJob(
        "NOT_SUBMITTED",
        "no job named '"
            + pipeline
            + "' on the Flink cluster at "
            + jobManager
            + "; submit it with: freshet submit "
            + pipeline
            + " --jobmanager "
            + jobManager);
  }

  @Override
  public URI restAddress() {
    return rest;
  }

  @Override
  public String description() {
    return "Flink "
        + overview.flinkVersion()
        + " session cluster, "
        + overview.taskManagers()
        + " TaskManager(s), "
        + overview.slots()
        + " slots; jobs submitted with freshet submit";
  }

  /** Nothing to stop: the cluster and its jobs outlive the platform. */
  @Override
  public void close() {}

  private static JsonNode get(HttpClient http, URI rest, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(rest.resolve(path)).timeout(REQUEST_TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /" + path + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  /** A connection refused has no message, only its type. */
  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
