package io.freshet.runtime.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.runtime.metrics.CheckpointFailures.Counts;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.flink.configuration.WebOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From Flink's REST API, per pipeline: the state size per task (a chain of operators) in the latest
 * completed checkpoint, and its failed checkpoints split into real failures and those declined
 * while the tasks were not all running ({@link CheckpointFailures}); works the same against a
 * remote cluster.
 */
public final class CheckpointStateCollector implements MultiCollector {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStateCollector.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Real checkpoint failures, per pipeline. */
  public static final String FAILED = "freshet_checkpoints_failed";

  /** Checkpoints declined because the job's tasks were not all running yet (or any more). */
  public static final String DECLINED_STARTING = "freshet_checkpoints_declined_starting";

  private static final Set<String> TERMINAL = Set.of("FINISHED", "CANCELED", "FAILED");

  private final URI rest;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Per job id; the failure counts are reported on every scrape, even one Flink cannot answer. */
  private final Map<String, JobFailures> failures = new HashMap<>();

  private int historySize;

  /** One job's classification and the pipeline it belongs to. */
  private record JobFailures(String pipeline, CheckpointFailures tracker) {}

  public CheckpointStateCollector(URI rest) {
    this.rest = rest;
  }

  /**
   * Synchronized: the status sampler and {@code /metrics} scrape concurrently, and a job's
   * classification must see Flink's answers one at a time.
   */
  @Override
  public synchronized MetricSnapshots collect() {
    GaugeSnapshot.Builder sizes = GaugeSnapshot.builder().name("freshet_task_state_bytes");
    try {
      for (JsonNode job : get("/jobs/overview").path("jobs")) {
        String id = job.path("jid").asText();
        String pipeline = job.path("name").asText();
        String state = job.path("state").asText();
        JobFailures known = failures.get(id);
        if (known != null && TERMINAL.contains(state)) {
          // Its counts no longer move.
          continue;
        }
        JsonNode checkpoints = get("/jobs/" + id + "/checkpoints");
        if (known == null) {
          known = new JobFailures(pipeline, new CheckpointFailures(historySize()));
          failures.put(id, known);
        }
        known.tracker().update(checkpoints);
        JsonNode latest = checkpoints.path("latest").path("completed");
        if (!"RUNNING".equals(state) || !latest.has("id")) {
          continue;
        }
        stateSizes(sizes, id, pipeline, latest.path("id").asLong());
      }
    } catch (IOException e) {
      LOG.warn("Flink checkpoint statistics unavailable for this scrape: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return MetricSnapshots.of(
        sizes.build(),
        failureCounter(Counts::failed, FAILED),
        failureCounter(Counts::declinedStarting, DECLINED_STARTING));
  }

  private void stateSizes(GaugeSnapshot.Builder sizes, String id, String pipeline, long checkpoint)
      throws IOException, InterruptedException {
    Map<String, String> vertexNames = new HashMap<>();
    for (JsonNode v : get("/jobs/" + id).path("vertices")) {
      vertexNames.put(v.path("id").asText(), v.path("name").asText());
    }
    JsonNode tasks = get("/jobs/" + id + "/checkpoints/details/" + checkpoint).path("tasks");
    tasks
        .fields()
        .forEachRemaining(
            t ->
                sizes.dataPoint(
                    GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(
                            Labels.of(
                                "pipeline",
                                pipeline,
                                "task",
                                vertexNames.getOrDefault(t.getKey(), t.getKey())))
                        .value(t.getValue().path("state_size").asDouble())
                        .build()));
  }

  /** Summed per pipeline: a pipeline resubmitted under a new job id keeps counting. */
  private CounterSnapshot failureCounter(ToLongFunction<Counts> value, String name) {
    Map<String, Long> byPipeline = new TreeMap<>();
    failures
        .values()
        .forEach(
            f ->
                byPipeline.merge(f.pipeline(), value.applyAsLong(f.tracker().counts()), Long::sum));
    CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name);
    byPipeline.forEach(
        (pipeline, count) ->
            counter.dataPoint(
                CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("pipeline", pipeline))
                    .value(count)
                    .build()));
    return counter.build();
  }

  /** The length of Flink's checkpoint history per job, read once from its configuration. */
  private int historySize() throws IOException, InterruptedException {
    if (historySize == 0) {
      int size = WebOptions.CHECKPOINTS_HISTORY_SIZE.defaultValue();
      for (JsonNode option : get("/jobmanager/config")) {
        if (WebOptions.CHECKPOINTS_HISTORY_SIZE.key().equals(option.path("key").asText())) {
          size = Integer.parseInt(option.path("value").asText().trim());
        }
      }
      historySize = size;
    }
    return historySize;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }
}
