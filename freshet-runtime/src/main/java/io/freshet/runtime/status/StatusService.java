package io.freshet.runtime.status;

import io.freshet.runtime.http.ComponentHealth;
import io.freshet.runtime.http.HealthProbe;
import io.freshet.runtime.http.HealthReport;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Assembles the platform status from the health probe and the metrics registry; throughput is the
 * change of records-in between the two latest samples at least half a second apart, latency
 * quantiles come from the samples of the last minute ({@link LatencyWindow}). The dashboard's
 * {@code StatusPublisher} samples every second while a dashboard is open and every 10 s otherwise,
 * so the first request of {@code freshet status} already gets a real rate.
 */
public final class StatusService {
  private static final String JOB_PREFIX = "job:";

  private final HealthProbe health;
  private final PrometheusRegistry registry;
  private final Map<String, long[]> previousRecordsIn = new HashMap<>();
  private final Map<String, Double> lastThroughput = new HashMap<>();
  private final Map<String, LatencyWindow> latency = new HashMap<>();

  private final LongSupplier clockMillis;

  public StatusService(HealthProbe health, PrometheusRegistry registry) {
    this(health, registry, System::currentTimeMillis);
  }

  StatusService(HealthProbe health, PrometheusRegistry registry, LongSupplier clockMillis) {
    this.health = health;
    this.registry = registry;
    this.clockMillis = clockMillis;
  }

  /** The current status. */
  public synchronized PlatformStatus status() {
    HealthReport report = health.check();
    MetricValues m = new MetricValues(registry.scrape());
    long now = clockMillis.getAsLong();
    List<PlatformStatus.PipelineStatus> pipelines = new ArrayList<>();
    for (Map.Entry<String, ComponentHealth> c : report.components().entrySet()) {
      if (!c.getKey().startsWith(JOB_PREFIX)) {
        continue;
      }
      String name = c.getKey().substring(JOB_PREFIX.length());
      long recordsIn = (long) m.sum("freshet_records_in", "pipeline", name);
      pipelines.add(
          new PlatformStatus.PipelineStatus(
              name,
              c.getValue().state(),
              recordsIn,
              throughput(name, recordsIn, now),
              (long) m.sum("freshet_dead_letters", "pipeline", name),
              (long) m.sum("freshet_duplicates_skipped", "pipeline", name),
              (long) m.sum("flink_jobmanager_job_numberOfCompletedCheckpoints", "job_name", name),
              (long) m.sum("freshet_checkpoints_failed", "pipeline", name),
              (long) m.sum("freshet_checkpoints_declined_starting", "pipeline", name),
              m.max("flink_jobmanager_job_lastCheckpointDuration", "job_name", name),
              m.max("flink_jobmanager_job_lastCheckpointSize", "job_name", name),
              m.max("freshet_watermark_lag_seconds", "pipeline", name),
              latency(m, name, now),
              backpressure(m, name)));
    }
    return new PlatformStatus(report.status(), pipelines, lag(m));
  }

  private double throughput(String pipeline, long recordsIn, long now) {
    long[] previous = previousRecordsIn.get(pipeline);
    // Requests closer than half a second apart would give a noisy rate: keep the last one.
    if (previous == null || now - previous[0] >= 500) {
      if (previous != null) {
        lastThroughput.put(pipeline, (recordsIn - previous[1]) * 1000.0 / (now - previous[0]));
      }
      previousRecordsIn.put(pipeline, new long[] {now, recordsIn});
    }
    return lastThroughput.getOrDefault(pipeline, 0.0);
  }

  private PlatformStatus.Latency latency(MetricValues m, String pipeline, long now) {
    List<MetricValues.Bucket> observed =
        latency
            .computeIfAbsent(pipeline, p -> new LatencyWindow())
            .observe(now, m.histogram("freshet_e2e_latency_seconds", "pipeline", pipeline));
    double p99 = LatencyWindow.quantile(0.99, observed);
    double sla = m.max("freshet_pipeline_latency_sla_seconds", "pipeline", pipeline);
    return new PlatformStatus.Latency(LatencyWindow.quantile(0.5, observed), p99, sla, p99 > sla);
  }

  private static PlatformStatus.Backpressure backpressure(MetricValues m, String pipeline) {
    Optional<MetricValues.Point> backpressured =
        worst(m, "flink_taskmanager_job_task_backPressuredTimeMsPerSecond", pipeline);
    Optional<MetricValues.Point> busy =
        worst(m, "flink_taskmanager_job_task_busyTimeMsPerSecond", pipeline);
    return new PlatformStatus.Backpressure(
        backpressured.map(p -> p.value() / 1000).orElse(Double.NaN),
        backpressured.flatMap(StatusService::taskIfAny).orElse(null),
        busy.map(p -> p.value() / 1000).orElse(Double.NaN),
        busy.flatMap(StatusService::taskIfAny).orElse(null));
  }

  /** The task of a time share, unless it is 0: every task of an idle job would do. */
  private static Optional<String> taskIfAny(MetricValues.Point share) {
    return share.value() > 0
        ? Optional.ofNullable(share.labels().get("task_name"))
        : Optional.empty();
  }

  /** The subtask of the pipeline with the largest value of a per-task time share, in ms/s. */
  private static Optional<MetricValues.Point> worst(MetricValues m, String name, String pipeline) {
    return m.points(name).stream()
        .filter(p -> pipeline.equals(p.labels().get("job_name")) && !Double.isNaN(p.value()))
        .max(Comparator.comparingDouble(MetricValues.Point::value));
  }

  private static List<PlatformStatus.ConsumerLag> lag(MetricValues m) {
    Map<String, double[]> byGroupTopic = new TreeMap<>();
    for (MetricValues.Point p : m.points("freshet_consumer_lag_records")) {
      byGroupTopic.computeIfAbsent(key(p), k -> new double[2])[0] += p.value();
    }
    for (MetricValues.Point p : m.points("freshet_consumer_lag_seconds")) {
      double[] v = byGroupTopic.computeIfAbsent(key(p), k -> new double[2]);
      v[1] = Math.max(v[1], p.value());
    }
    List<PlatformStatus.ConsumerLag> lags = new ArrayList<>();
    byGroupTopic.forEach(
        (k, v) -> {
          String[] parts = k.split("\u0000");
          lags.add(new PlatformStatus.ConsumerLag(parts[0], parts[1], (long) v[0], v[1]));
        });
    return lags;
  }

  private static String key(MetricValues.Point p) {
    return p.labels().get("group") + "\u0000" + p.labels().get("topic");
  }
}
