package io.freshet.runtime.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A client of a Flink JobManager's REST API, the one channel through which Freshet submits, stops,
 * rescales and watches jobs on a Flink cluster: the same API as Flink's web UI and {@code flink}
 * CLI.
 */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);
  private static final long POLL_MILLIS = 250;

  private final URI base;
  private final HttpClient http;

  /** A client of the JobManager at {@code base}, e.g. {@code http://localhost:8081}. */
  public FlinkRest(URI base) {
    this.base = Objects.requireNonNull(base, "base");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A client of {@code host:port}. */
  public static FlinkRest of(String hostAndPort) {
    String url = hostAndPort.contains("://") ? hostAndPort : "http://" + hostAndPort;
    return new FlinkRest(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
  }

  /** The JobManager's address. */
  public URI base() {
    return base;
  }

  /** Whether the JobManager answers {@code /overview}. */
  public boolean answers() throws InterruptedException {
    try {
      get("/overview");
      return true;
    } catch (FlinkRestException e) {
      return false;
    }
  }

  /** The ids of the TaskManagers registered now. */
  public List<String> taskManagerIds() throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
      ids.add(tm.path("id").asText());
    }
    return ids;
  }

  /** Every job the cluster knows, running or ended, newest first as Flink lists them. */
  public List<FlinkJob> jobs() throws InterruptedException {
    List<FlinkJob> jobs = new ArrayList<>();
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      jobs.add(
          new FlinkJob(
              job.path("jid").asText(),
              job.path("name").asText(),
              job.path("state").asText(),
              job.path("start-time").asLong()));
    }
    return jobs;
  }

  /** The job of that name that is not in a terminal state, if any. */
  public Optional<FlinkJob> activeJob(String name) throws InterruptedException {
    return jobs().stream().filter(j -> j.name().equals(name) && !j.terminal()).findFirst();
  }

  /** The job's parallelism: that of its widest vertex; empty for a job without vertices. */
  public OptionalInt parallelism(String jobId) throws InterruptedException {
    return vertices(jobId).stream().mapToInt(JobVertex::parallelism).max();
  }

  /** The job's vertices (chained operators), in Flink's order. */
  public List<JobVertex> vertices(String jobId) throws InterruptedException {
    List<JobVertex> vertices = new ArrayList<>();
    for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
      vertices.add(
          new JobVertex(
              vertex.path("id").asText(),
              vertex.path("name").asText(),
              vertex.path("parallelism").asInt(),
              vertex.path("status").asText()));
    }
    return vertices;
  }

  /**
   * One vertex of a running job.
   *
   * @param id Flink's vertex id, the key of its resource requirements
   * @param name its operators' names
   * @param parallelism instances it runs now
   * @param status the aggregated status of its tasks, RUNNING once all of them run
   */
  public record JobVertex(String id, String name, int parallelism, String status) {}

  /**
   * The parallelism bounds the adaptive scheduler runs each vertex within, by vertex id ({@code GET
   * /jobs/:jobid/resource-requirements}).
   */
  public Map<String, ParallelismBounds> resourceRequirements(String jobId)
      throws InterruptedException {
    Map<String, ParallelismBounds> bounds = new LinkedHashMap<>();
    get("/jobs/" + jobId + "/resource-requirements")
        .fields()
        .forEachRemaining(
            e ->
                bounds.put(
                    e.getKey(),
                    new ParallelismBounds(
                        e.getValue().path("parallelism").path("lowerBound").asInt(),
                        e.getValue().path("parallelism").path("upperBound").asInt())));
    return bounds;
  }

  /**
   * Asks the adaptive scheduler to run each vertex within new bounds ({@code PUT
   * /jobs/:jobid/resource-requirements}, body {@code {"<vertex id>": {"parallelism": {"lowerBound":
   * L, "upperBound": U}}, …}}, every vertex of the job named). It restarts the job from its latest
   * checkpoint at the parallelism its slots allow up to the upper bounds, once its own cooldown
   * after the previous rescale has passed; the call returns before that.
   */
  public void updateResourceRequirements(String jobId, Map<String, ParallelismBounds> bounds)
      throws InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    bounds.forEach(
        (vertex, b) -> {
          ObjectNode parallelism = body.putObject(vertex).putObject("parallelism");
          parallelism.put("lowerBound", b.lowerBound());
          parallelism.put("upperBound", b.upperBound());
        });
    String path = "/jobs/" + jobId + "/resource-requirements";
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(CALL_TIMEOUT)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    send(request, "PUT " + path);
  }

  /**
   * The parallelism a vertex may run at, as the adaptive scheduler reads it.
   *
   * @param lowerBound fewest instances it runs with when slots are short
   * @param upperBound most instances, what it runs at when the slots are there
   */
  public record ParallelismBounds(int lowerBound, int upperBound) {
    public ParallelismBounds {
      if (lowerBound < 1 || upperBound < lowerBound) {
        throw new IllegalArgumentException(
            "parallelism bounds must satisfy 1 <= lower <= upper, got "
                + lowerBound
                + ".."
                + upperBound);
      }
    }
  }

  /**
   * How busy the job's busiest task is, 0 to 1: the highest {@code busyTimeMsPerSecond} of any
   * subtask of any vertex (Flink's aggregated subtask metrics), over 1,000. Empty while no task has
   * reported it yet.
   */
  public OptionalDouble maxBusyRatio(String jobId) throws InterruptedException {
    double max = Double.NaN;
    for (JobVertex vertex : vertices(jobId)) {
      JsonNode metrics =
          get(
              "/jobs/"
                  + jobId
                  + "/vertices/"
                  + vertex.id()
                  + "/subtasks/metrics?get=busyTimeMsPerSecond&agg=max");
      for (JsonNode metric : metrics) {
        double busy = metric.path("max").asDouble(Double.NaN);
        // A task that measures no busy time reports NaN; it says nothing about the load.
        if (!Double.isNaN(busy) && (Double.isNaN(max) || busy > max)) {
          max = busy;
        }
      }
    }
    return Double.isNaN(max) ? OptionalDouble.empty() : OptionalDouble.of(Math.min(1, max / 1000));
  }

  /** The TaskManagers that run tasks of the job, by resource id, in name order. */
  public List<String> taskManagersOf(String jobId) throws InterruptedException {
    java.util.TreeSet<String> hosts = new java.util.TreeSet<>();
    for (JobVertex vertex : vertices(jobId)) {
      JsonNode managers =
          get("/jobs/" + jobId + "/vertices/" + vertex.id() + "/taskmanagers").path("taskmanagers");
      for (JsonNode tm : managers) {
        hosts.add(tm.path("taskmanager-id").asText());
      }
    }
    return List.copyOf(hosts);
  }

  /** Completed checkpoints of the job so far. */
  public long completedCheckpoints(String jobId) throws InterruptedException {
    return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
  }

  /** The external path of the job's latest completed checkpoint, if it has one. */
  public Optional<String> latestCheckpoint(String jobId) throws InterruptedException {
    JsonNode completed = get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
    return completed.isMissingNode() || completed.isNull()
        ? Optional.empty()
        : Optional.of(completed.path("external_path").asText());
  }

  /**
   * Uploads a job jar.
   *
   * @return the id Flink gave it, for {@link #runJar}
   */
  public String uploadJar(Path jar) throws InterruptedException {
    String boundary = "freshet-" + UUID.randomUUID();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
            + jar.getFileName()
            + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/jars/upload"))
            .timeout(UPLOAD_TIMEOUT)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> {
                      try {
                        return new SequenceInputStream(
                            new SequenceInputStream(stream(head), Files.newInputStream(jar)),
                            stream(tail));
                      } catch (IOException e) {
                        throw new FlinkRestException("Cannot read " + jar + ": " + e, e);
                      }
                    }))
            .build();
    JsonNode answer = send(request, "upload " + jar.getFileName());
    String filename = answer.path("filename").asText();
    // Flink answers with the stored file's path; its name is the jar id.
    return Path.of(filename).getFileName().toString();
  }

  /**
   * Runs the main class of an uploaded jar, which builds and submits the job.
   *
   * @return the job id
   */
  public String runJar(String jarId, JarRun run) throws InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("entryClass", run.entryClass());
    body.putPOJO("programArgsList", run.arguments());
    run.parallelism().ifPresent(p -> body.put("parallelism", p));
    run.jobId().ifPresent(id -> body.put("jobId", id));
    run.savepointPath()
        .ifPresent(
            path -> {
              body.put("savepointPath", path);
              body.put("allowNonRestoredState", false);
              // The job takes ownership of the files of the snapshot it starts from, as Flink's
              // own restarts do; a savepoint taken for an upgrade is used once.
              body.put("claimMode", "CLAIM");
            });
    if (!run.configuration().isEmpty()) {
      body.putPOJO("flinkConfiguration", run.configuration());
    }
    JsonNode answer = post("/jars/" + jarId + "/run", body, UPLOAD_TIMEOUT);
    return answer.path("jobid").asText();
  }

  /**
   * Stops the job with a savepoint in {@code targetDirectory} (a URI or path the cluster's
   * processes reach), its sinks committing their transactions first, and waits for the savepoint.
   *
   * @return the savepoint's path
   */
  public String stopWithSavepoint(String jobId, Optional<String> targetDirectory, Duration deadline)
      throws InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    // Without one, the cluster's execution.checkpointing.savepoint-dir.
    targetDirectory.ifPresent(dir -> body.put("targetDirectory", dir));
    body.put("drain", false);
    body.put("formatType", "CANONICAL");
    String trigger =
        post("/jobs/" + jobId + "/stop", body, CALL_TIMEOUT).path("request-id").asText();
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
      if ("COMPLETED".equals(status.path("status").path("id").asText())) {
        JsonNode operation = status.path("operation");
        if (operation.has("failure-cause")) {
          throw new FlinkRestException(
              "The savepoint of job "
                  + jobId
                  + " failed: "
                  + operation
                      .path("failure-cause")
                      .path("stack-trace")
                      .asText()
                      .lines()
                      .findFirst()
                      .orElse("(no cause)"));
        }
        return operation.path("location").asText();
      }
      if (System.nanoTime() >= end) {
        throw new FlinkRestException(
            "The savepoint of job " + jobId + " did not complete within " + deadline);
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }

  /** Deletes an uploaded jar; jobs submitted from it keep their own copy in the blob store. */
  public void deleteJar(String jarId) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/jars/" + jarId))
            .timeout(CALL_TIMEOUT)
            .DELETE()
            .build();
    send(request, "delete jar " + jarId);
  }

  /** The job's state and whether every one of its tasks runs. */
  public JobProgress progress(String jobId) throws InterruptedException {
    JsonNode job = get("/jobs/" + jobId);
    boolean allRunning = job.path("vertices").size() > 0;
    for (JsonNode vertex : job.path("vertices")) {
      allRunning &= "RUNNING".equals(vertex.path("status").asText());
    }
    return new JobProgress(job.path("state").asText(), allRunning);
  }

  /**
   * A job's state and whether all its tasks run, which is when it processes records: a job is
   * RUNNING in Flink's sense while its tasks still deploy.
   *
   * @param state Flink's job status
   * @param allTasksRunning whether every task of every vertex is RUNNING
   */
  public record JobProgress(String state, boolean allTasksRunning) {}

  /** Cancels the job. */
  public void cancel(String jobId) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
            .timeout(CALL_TIMEOUT)
            .method("PATCH", HttpRequest.BodyPublishers.noBody())
            .build();
    send(request, "cancel job " + jobId);
  }

  /** GET {@code path}, as JSON. */
  public JsonNode get(String path) throws InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT).build(), path);
  }

  private JsonNode post(String path, JsonNode body, Duration timeout) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    return send(request, path);
  }

  private JsonNode send(HttpRequest request, String what) throws InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new FlinkRestException(
          "No Flink JobManager answers at " + base + " (" + what + "): connection refused", e);
    } catch (IOException e) {
      throw new FlinkRestException(
          "Flink's REST API at " + base + " failed on " + what + ": " + e, e);
    }
    JsonNode body;
    try {
      body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new FlinkRestException(
          "Flink's REST API at " + base + " answered " + what + " with no JSON: " + e, e);
    }
    if (response.statusCode() >= 300) {
      throw new FlinkRestException(
          "Flink's REST API at "
              + base
              + " refused "
              + what
              + " ("
              + response.statusCode()
              + "): "
              + firstError(body));
    }
    return body;
  }

  private static String firstError(JsonNode body) {
    JsonNode errors = body.path("errors");
    if (!errors.isArray() || errors.isEmpty()) {
      return body.toString();
    }
    // Flink puts a whole server-side stack trace in the message; its cause lines say why.
    List<String> lines = errors.get(0).asText().lines().map(String::strip).toList();
    return lines.stream()
        .filter(l -> l.startsWith("Caused by:"))
        .reduce((first, second) -> second)
        .orElse(lines.isEmpty() ? body.toString() : lines.get(0));
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
