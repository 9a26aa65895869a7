package io.freshet.runtime.metrics;

import io.freshet.pipelines.metrics.FreshetMetrics;
import io.freshet.pipelines.metrics.LatencyHistogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;

/**
 * A Flink metric reporter that exposes Flink's metrics in the process's Prometheus registry, so one
 * {@code /metrics} endpoint serves everything. Flink metrics keep the names of Flink's own
 * Prometheus reporter; metrics in the {@value FreshetMetrics#GROUP} group become {@code freshet_*}
 * series labelled by pipeline, summed (counters, histograms) or maxed (gauges) over subtasks.
 */
public final class FlinkMetricsBridge implements MetricReporter, MultiCollector {
  private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_]");
  private static final CharacterFilter FILTER = s -> INVALID.matcher(s).replaceAll("_");

  /** Flink's scope variables; anything else on a Freshet metric is a user label. */
  private static final Set<String> FLINK_VARIABLES =
      Set.of(
          "host",
          "tm_id",
          "job_id",
          "job_name",
          "task_id",
          "task_name",
          "task_attempt_id",
          "task_attempt_num",
          "subtask_index",
          "operator_id",
          "operator_name");

  private final PrometheusRegistry registry;
  private final Map<Metric, Exported> metrics = new ConcurrentHashMap<>();

  /** Where a Flink metric shows up in Prometheus. */
  record Exported(String name, Labels labels, boolean freshet, Metric metric) {}

  public FlinkMetricsBridge(PrometheusRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void open(MetricConfig config) {
    registry.register(this);
  }

  @Override
  public void close() {
    registry.unregister(this);
  }

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    String scope = LogicalScopeProvider.castFrom(group).getLogicalScope(FILTER, '_');
    Map<String, String> variables = new TreeMap<>();
    group
        .getAllVariables()
        .forEach((k, v) -> variables.put(FILTER.filterCharacters(k.replaceAll("[<>]", "")), v));
    boolean freshet = Arrays.asList(scope.split("_")).contains(FreshetMetrics.GROUP);
    if (freshet) {
      List<String> names = new ArrayList<>(List.of("pipeline"));
      List<String> values = new ArrayList<>(List.of(variables.getOrDefault("job_name", "")));
      variables.forEach(
          (k, v) -> {
            if (!FLINK_VARIABLES.contains(k)) {
              names.add(k);
              values.add(v);
            }
          });
      metrics.put(
          metric,
          new Exported(
              "freshet_" + FILTER.filterCharacters(metricName),
              Labels.of(names, values),
              true,
              metric));
    } else {
      metrics.put(
          metric,
          new Exported(
              "flink_" + scope + "_" + FILTER.filterCharacters(metricName),
              Labels.of(new ArrayList<>(variables.keySet()), new ArrayList<>(variables.values())),
              false,
              metric));
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    metrics.remove(metric);
  }

  @Override
  public MetricSnapshots collect() {
    Map<String, Map<Labels, List<Metric>>> byName = new TreeMap<>();
    for (Exported e : metrics.values()) {
      byName
          .computeIfAbsent(e.name(), n -> new java.util.LinkedHashMap<>())
          .computeIfAbsent(e.labels(), l -> new ArrayList<>())
          .add(e.metric());
    }
    MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
    byName.forEach(
        (name, series) -> {
          MetricSnapshot snapshot = snapshot(name, series);
          if (snapshot != null) {
            snapshots.metricSnapshot(snapshot);
          }
        });
    return snapshots.build();
  }

  private static MetricSnapshot snapshot(String name, Map<Labels, List<Metric>> series) {
    Metric first = series.values().iterator().next().get(0);
    if (first instanceof LatencyHistogram) {
      return histogram(name, series);
    }
    if (first instanceof Counter && name.startsWith("freshet_") && name.endsWith("_total")) {
      CounterSnapshot.Builder counter =
          CounterSnapshot.builder().name(name.substring(0, name.length() - "_total".length()));
      series.forEach(
          (labels, parts) ->
              counter.dataPoint(
                  CounterSnapshot.CounterDataPointSnapshot.builder()
                      .labels(labels)
                      .value(parts.stream().mapToDouble(FlinkMetricsBridge::value).sum())
                      .build()));
      return counter.build();
    }
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name);
    boolean any = false;
    for (Map.Entry<Labels, List<Metric>> s : series.entrySet()) {
      double value = Double.NaN;
      for (Metric m : s.getValue()) {
        double v = value(m);
        if (!Double.isNaN(v)) {
          // Series that collide after label mapping are subtasks of one Freshet metric.
          value = Double.isNaN(value) ? v : m instanceof Counter ? value + v : Math.max(value, v);
        }
      }
      if (!Double.isNaN(value)) {
        gauge.dataPoint(
            GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(s.getKey()).value(value).build());
        any = true;
      }
    }
    return any ? gauge.build() : null;
  }

  private static MetricSnapshot histogram(String name, Map<Labels, List<Metric>> series) {
    double[] bounds =
        Arrays.copyOf(LatencyHistogram.BOUNDS_SECONDS, LatencyHistogram.BOUNDS_SECONDS.length + 1);
    bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
    HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(name);
    series.forEach(
        (labels, parts) -> {
          long[] perBucket = new long[bounds.length];
          double sum = 0;
          for (Metric m : parts) {
            LatencyHistogram h = (LatencyHistogram) m;
            long[] cumulative = h.cumulativeCounts();
            for (int i = 0; i < cumulative.length; i++) {
              perBucket[i] += cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
            }
            sum += h.sumSeconds();
          }
          histogram.dataPoint(
              HistogramSnapshot.HistogramDataPointSnapshot.builder()
                  .labels(labels)
                  .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, perBucket))
                  .sum(sum)
                  .build());
        });
    return histogram.build();
  }

  private static double value(Metric m) {
    if (m instanceof Counter c) {
      return c.getCount();
    }
    if (m instanceof Meter meter) {
      return meter.getRate();
    }
    if (m instanceof Gauge<?> g) {
      Object v = g.getValue();
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      if (v instanceof Boolean b) {
        return b ? 1 : 0;
      }
    }
    return Double.NaN;
  }
}
