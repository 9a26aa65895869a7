package io.freshet.runtime.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.Map;

/**
 * Per-pipeline constants alert rules compare against: the latency SLA and the checkpoint interval.
 */
public final class PipelineGauges implements MultiCollector {
  private final Map<String, Duration> slas;
  private final Duration checkpointInterval;

  public PipelineGauges(Map<String, Duration> slas, Duration checkpointInterval) {
    this.slas = Map.copyOf(slas);
    this.checkpointInterval = checkpointInterval;
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder sla =
        GaugeSnapshot.builder().name("freshet_pipeline_latency_sla_seconds");
    GaugeSnapshot.Builder interval =
        GaugeSnapshot.builder().name("freshet_checkpoint_interval_seconds");
    new java.util.TreeMap<>(slas)
        .forEach(
            (pipeline, d) -> {
              Labels labels = Labels.of("pipeline", pipeline);
              sla.dataPoint(
                  GaugeSnapshot.GaugeDataPointSnapshot.builder()
                      .labels(labels)
                      .value(d.toMillis() / 1000.0)
                      .build());
              interval.dataPoint(
                  GaugeSnapshot.GaugeDataPointSnapshot.builder()
                      .labels(labels)
                      .value(checkpointInterval.toMillis() / 1000.0)
                      .build());
            });
    return MetricSnapshots.of(sla.build(), interval.build());
  }
}
