package io.freshet.runtime.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.MultiCollector;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State size per task (a chain of operators) from the latest completed checkpoint, read from
 * Flink's REST API, which reports it per job vertex; works the same against a remote cluster.
 */
public final class CheckpointStateCollector implements MultiCollector {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStateCollector.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI rest;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public CheckpointStateCollector(URI rest) {
    this.rest = rest;
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder sizes = GaugeSnapshot.builder().name("freshet_task_state_bytes");
    try {
      for (JsonNode job : get("/jobs/overview").path("jobs")) {
        if (!"RUNNING".equals(job.path("state").asText())) {
          continue;
        }
        String id = job.path("jid").asText();
        String pipeline = job.path("name").asText();
        JsonNode latest = get("/jobs/" + id + "/checkpoints").path("latest").path("completed");
        if (!latest.has("id")) {
          continue;
        }
        Map<String, String> vertexNames = new HashMap<>();
        for (JsonNode v : get("/jobs/" + id).path("vertices")) {
          vertexNames.put(v.path("id").asText(), v.path("name").asText());
        }
        JsonNode tasks =
            get("/jobs/" + id + "/checkpoints/details/" + latest.path("id").asLong()).path("tasks");
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
    } catch (IOException e) {
      LOG.warn("Flink checkpoint statistics unavailable for this scrape: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return MetricSnapshots.of(sizes.build());
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
