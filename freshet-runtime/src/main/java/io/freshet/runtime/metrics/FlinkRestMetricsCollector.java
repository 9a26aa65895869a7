package io.freshet.runtime.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.pipelines.metrics.FreshetMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-pipeline figures the status and dashboard read, taken from a remote cluster's REST
 * metrics instead of the in-process reporter ({@link FlinkMetricsBridge}), which runs inside the
 * TaskManagers there: Freshet's counters and watermark lag, checkpoint counts and durations, and
 * back pressure. The latency histograms are not among them: Flink's REST API gives a histogram's
 * quantiles over its own window, not the buckets the status and {@code /metrics} are built on.
 */
public final class FlinkRestMetricsCollector implements MultiCollector {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkRestMetricsCollector.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Freshet's counters, by their name in Flink, summed over subtasks. */
  private static final Set<String> COUNTERS =
      Set.of(
          FreshetMetrics.RECORDS_IN,
          FreshetMetrics.DEAD_LETTERS,
          FreshetMetrics.DUPLICATES_SKIPPED,
          FreshetMetrics.LATE_EVENTS);

  private static final String GROUP = "." + FreshetMetrics.GROUP + ".";

  private static final List<String> JOB_METRICS =
      List.of("numberOfCompletedCheckpoints", "lastCheckpointDuration", "lastCheckpointSize");

  private static final List<String> TASK_METRICS =
      List.of("backPressuredTimeMsPerSecond", "busyTimeMsPerSecond");

  private static final Comparator<Series> BY_NAME_AND_LABELS =
      Comparator.comparing(Series::name).thenComparing(s -> s.labels().toString());

  private final URI rest;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One series: a name and its labels. */
  private record Series(String name, Labels labels) {}

  public FlinkRestMetricsCollector(URI rest) {
    this.rest = rest;
  }

  @Override
  public MetricSnapshots collect() {
    Map<Series, Double> counters = new TreeMap<>(BY_NAME_AND_LABELS);
    Map<Series, Double> gauges = new TreeMap<>(BY_NAME_AND_LABELS);
    try {
      for (JsonNode job : get("jobs/overview").path("jobs")) {
        if ("RUNNING".equals(job.path("state").asText())) {
          collectJob(job.path("jid").asText(), job.path("name").asText(), counters, gauges);
        }
      }
    } catch (IOException e) {
      LOG.warn("Flink REST metrics unavailable for this scrape: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
    byName(counters)
        .forEach(
            (name, points) -> {
              CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name);
              points.forEach(
                  (labels, value) ->
                      counter.dataPoint(
                          CounterSnapshot.CounterDataPointSnapshot.builder()
                              .labels(labels)
                              .value(value)
                              .build()));
              snapshots.metricSnapshot(counter.build());
            });
    byName(gauges)
        .forEach(
            (name, points) -> {
              GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name);
              points.forEach(
                  (labels, value) ->
                      gauge.dataPoint(
                          GaugeSnapshot.GaugeDataPointSnapshot.builder()
                              .labels(labels)
                              .value(value)
                              .build()));
              snapshots.metricSnapshot(gauge.build());
            });
    return snapshots.build();
  }

  private void collectJob(
      String id, String pipeline, Map<Series, Double> counters, Map<Series, Double> gauges)
      throws IOException, InterruptedException {
    // The names the embedded reporter gives these, so the status reads either the same way.
    for (JsonNode metric : get("jobs/" + id + "/metrics?get=" + String.join(",", JOB_METRICS))) {
      String name = "flink_jobmanager_job_" + metric.path("id").asText();
      double value = metric.path("value").asDouble(Double.NaN);
      Series series = new Series(name, Labels.of("job_name", pipeline));
      gauges.put(series, value);
    }
    for (JsonNode vertex : get("jobs/" + id).path("vertices")) {
      String base = "jobs/" + id + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
      String task = vertex.path("name").asText();
      List<String> wanted = new ArrayList<>(TASK_METRICS);
      for (JsonNode available : get(base)) {
        String metricId = available.path("id").asText();
        if (metricId.contains(GROUP) && isExported(metricId)) {
          wanted.add(metricId);
        }
      }
      for (JsonNode metric : get(base + "?agg=sum,max&get=" + encoded(wanted))) {
        String metricId = metric.path("id").asText();
        if (TASK_METRICS.contains(metricId)) {
          gauges.merge(
              new Series(
                  "flink_taskmanager_job_task_" + metricId,
                  Labels.of("job_name", pipeline, "task_name", task)),
              metric.path("max").asDouble(Double.NaN),
              Math::max);
        } else {
          freshet(pipeline, metricId, metric, counters, gauges);
        }
      }
    }
  }

  /**
   * A Freshet metric, {@code <operator>.freshet[.<key>.<value>]*.<name>}: its user groups become
   * labels, as the embedded reporter makes them.
   */
  private static void freshet(
      String pipeline,
      String metricId,
      JsonNode metric,
      Map<Series, Double> counters,
      Map<Series, Double> gauges) {
    String[] parts = metricId.substring(metricId.indexOf(GROUP) + GROUP.length()).split("\\.");
    String name = parts[parts.length - 1];
    List<String> names = new ArrayList<>(List.of("pipeline"));
    List<String> values = new ArrayList<>(List.of(pipeline));
    for (int i = 0; i + 1 < parts.length - 1; i += 2) {
      names.add(parts[i]);
      values.add(parts[i + 1]);
    }
    Labels labels = Labels.of(names, values);
    if (COUNTERS.contains(name)) {
      String bare = name.substring(0, name.length() - "_total".length());
      counters.merge(
          new Series("freshet_" + bare, labels), metric.path("sum").asDouble(0), Double::sum);
    } else {
      gauges.merge(
          new Series("freshet_" + name, labels),
          metric.path("max").asDouble(Double.NaN),
          Math::max);
    }
  }

  private static boolean isExported(String metricId) {
    String name = metricId.substring(metricId.lastIndexOf('.') + 1);
    return COUNTERS.contains(name) || FreshetMetrics.WATERMARK_LAG.equals(name);
  }

  private static String encoded(List<String> ids) {
    return ids.stream()
        .map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(Collectors.joining(","));
  }

  private static Map<String, Map<Labels, Double>> byName(Map<Series, Double> series) {
    Map<String, Map<Labels, Double>> byName = new TreeMap<>();
    series.forEach(
        (s, value) ->
            byName.computeIfAbsent(s.name(), n -> new LinkedHashMap<>()).put(s.labels(), value));
    return byName;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /" + path + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }
}
