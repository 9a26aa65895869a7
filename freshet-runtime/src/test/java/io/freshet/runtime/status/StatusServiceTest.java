package io.freshet.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.freshet.runtime.http.ComponentHealth;
import io.freshet.runtime.http.HealthReport;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The status from the registry: rates from samples (so a request after a background sample gets a
 * real one), checkpoints failed apart from declined, latency quantiles of the last minute against
 * the SLA, and the worst subtask's backpressure.
 */
class StatusServiceTest {
  private static final long T0 = 1_000_000L;
  private static final String FRAUD = "fraud-detection";

  @Test
  void aRequestAfterTheSamplersSamplesGetsTheRateBetweenThem() {
    // Given a pipeline that has read 1,000 records, sampled by the dashboard at T0
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter recordsIn =
        Counter.builder().name("freshet_records_in").labelNames("pipeline").register(registry);
    recordsIn.labelValues("fraud-detection").inc(1000);
    AtomicLong now = new AtomicLong(T0);
    StatusService status =
        new StatusService(
            () ->
                HealthReport.of(
                    Map.of("job:fraud-detection", ComponentHealth.up("RUNNING", "running"))),
            registry,
            now::get);
    assertThat(status.status().pipelines().get(0).throughputPerSecond()).isZero();

    // When 500 more arrive in the next second and the sampler samples again
    recordsIn.labelValues("fraud-detection").inc(500);
    now.set(T0 + 1000);
    status.status();

    // Then a request 200 ms later, too close for a sample of its own, gets 500 records/s
    now.set(T0 + 1200);
    PlatformStatus.PipelineStatus fraud = status.status().pipelines().get(0);
    assertThat(fraud.throughputPerSecond()).isEqualTo(500.0);
    assertThat(fraud.recordsIn()).isEqualTo(1500);
  }

  @Test
  void checkpointsFailedAreTheRealFailuresOnlyAndTheDeclinedOnesAreReportedApart() {
    // Given Flink counting 4 failed checkpoints of the pipeline, 3 of them declined while starting
    PrometheusRegistry registry = new PrometheusRegistry();
    gauge(registry, "flink_jobmanager_job_numberOfFailedCheckpoints", "job_name").set(4);
    counter(registry, "freshet_checkpoints_failed").inc(1);
    counter(registry, "freshet_checkpoints_declined_starting").inc(3);

    // When the status is read
    PlatformStatus.PipelineStatus fraud =
        status(registry, new AtomicLong(T0)).status().pipelines().get(0);

    // Then it reports 1 failed and 3 declined while starting
    assertThat(fraud.checkpointsFailed()).isEqualTo(1);
    assertThat(fraud.checkpointsDeclinedStarting()).isEqualTo(3);
  }

  @Test
  void latencyQuantilesAreThoseOfTheLastMinuteAgainstTheSla() {
    // Given a pipeline with a 100 ms SLA whose first minute's 100 results took 5 ms to 10 ms
    PrometheusRegistry registry = new PrometheusRegistry();
    gauge(registry, "freshet_pipeline_latency_sla_seconds", "pipeline").set(0.1);
    Histogram latency =
        Histogram.builder()
            .name("freshet_e2e_latency_seconds")
            .labelNames("pipeline", "output")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.1, 0.25)
            .register(registry);
    for (int i = 0; i < 100; i++) {
      latency.labelValues(FRAUD, "transaction-decisions").observe(0.007);
    }
    AtomicLong now = new AtomicLong(T0);
    StatusService status = status(registry, now);
    PlatformStatus.Latency first = status.status().pipelines().get(0).latency();
    // Prometheus-style interpolation within (0.005, 0.01]: rank 50 of 100 is half way.
    assertThat(first.p50Seconds()).isCloseTo(0.0075, within(1e-12));
    assertThat(first.p99Seconds()).isCloseTo(0.00995, within(1e-12));
    assertThat(first.slaSeconds()).isEqualTo(0.1);
    assertThat(first.p99OverSla()).isFalse();

    // When, over the next minute, 100 results of another output take 100 ms to 250 ms, sampled
    // every 10 s
    for (int second = 10; second <= 60; second += 10) {
      now.set(T0 + second * 1000L);
      if (second == 30) {
        for (int i = 0; i < 100; i++) {
          latency.labelValues(FRAUD, "fraud-alerts").observe(0.2);
        }
      }
      status.status();
    }
    PlatformStatus.Latency lastMinute = status.status().pipelines().get(0).latency();

    // Then the quantiles are those of the last minute only, all outputs together, and the p99
    // is flagged over the SLA
    assertThat(lastMinute.p50Seconds()).isCloseTo(0.175, within(1e-12));
    assertThat(lastMinute.p99Seconds()).isCloseTo(0.2485, within(1e-12));
    assertThat(lastMinute.p99OverSla()).isTrue();

    // And a minute without results has no quantiles, and nothing over the SLA
    now.set(T0 + 130_000L);
    status.status();
    now.set(T0 + 140_000L);
    PlatformStatus.Latency quiet = status.status().pipelines().get(0).latency();
    assertThat(quiet.p50Seconds()).isNaN();
    assertThat(quiet.p99Seconds()).isNaN();
    assertThat(quiet.p99OverSla()).isFalse();
  }

  @Test
  void backpressureIsTheWorstSubtasksShareWithItsTask() {
    // Given two tasks of the pipeline's job, one backpressured 250 ms/s on one subtask, the other
    // busy 900 ms/s, and another job's task fully backpressured
    PrometheusRegistry registry = new PrometheusRegistry();
    Gauge backpressured =
        Gauge.builder()
            .name("flink_taskmanager_job_task_backPressuredTimeMsPerSecond")
            .labelNames("job_name", "task_name", "subtask_index")
            .register(registry);
    Gauge busy =
        Gauge.builder()
            .name("flink_taskmanager_job_task_busyTimeMsPerSecond")
            .labelNames("job_name", "task_name", "subtask_index")
            .register(registry);
    backpressured.labelValues(FRAUD, "Source: transactions", "0").set(250);
    backpressured.labelValues(FRAUD, "Source: transactions", "1").set(40);
    backpressured.labelValues(FRAUD, "fraud-rules", "0").set(0);
    backpressured.labelValues("iot-monitoring", "Source: readings", "0").set(1000);
    busy.labelValues(FRAUD, "Source: transactions", "0").set(100);
    busy.labelValues(FRAUD, "fraud-rules", "0").set(900);

    // When the status is read
    PlatformStatus.Backpressure b =
        status(registry, new AtomicLong(T0)).status().pipelines().get(0).backpressure();

    // Then it names the worst subtask's share and task, for both
    assertThat(b)
        .isEqualTo(
            new PlatformStatus.Backpressure(0.25, "Source: transactions", 0.9, "fraud-rules"));

    // And when nothing is backpressured, no task is named
    backpressured.labelValues(FRAUD, "Source: transactions", "0").set(0);
    backpressured.labelValues(FRAUD, "Source: transactions", "1").set(0);
    PlatformStatus.Backpressure none =
        status(registry, new AtomicLong(T0)).status().pipelines().get(0).backpressure();
    assertThat(none).isEqualTo(new PlatformStatus.Backpressure(0.0, null, 0.9, "fraud-rules"));
  }

  @Test
  void withoutFlinksFiguresTheLatencyAndBackpressureAreUnknown() {
    // Given a pipeline Flink reports nothing for yet
    PlatformStatus.PipelineStatus fraud =
        status(new PrometheusRegistry(), new AtomicLong(T0)).status().pipelines().get(0);

    // Then its quantiles, SLA and shares are NaN, and no task is named
    assertThat(fraud.latency())
        .isEqualTo(new PlatformStatus.Latency(Double.NaN, Double.NaN, Double.NaN, false));
    assertThat(fraud.backpressure())
        .isEqualTo(new PlatformStatus.Backpressure(Double.NaN, null, Double.NaN, null));
  }

  private static StatusService status(PrometheusRegistry registry, AtomicLong now) {
    return new StatusService(
        () -> HealthReport.of(Map.of("job:" + FRAUD, ComponentHealth.up("RUNNING", "running"))),
        registry,
        now::get);
  }

  private static GaugeDataPoint gauge(PrometheusRegistry registry, String name, String label) {
    return Gauge.builder().name(name).labelNames(label).register(registry).labelValues(FRAUD);
  }

  private static CounterDataPoint counter(PrometheusRegistry registry, String name) {
    return Counter.builder()
        .name(name)
        .labelNames("pipeline")
        .register(registry)
        .labelValues(FRAUD);
  }
}
