package io.freshet.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.runtime.http.ComponentHealth;
import io.freshet.runtime.http.HealthReport;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Rates in the status: from samples, so a request after a background sample gets a real one. */
class StatusServiceTest {
  private static final long T0 = 1_000_000L;

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
}
