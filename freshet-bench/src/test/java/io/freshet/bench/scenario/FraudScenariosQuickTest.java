package io.freshet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchOptions;
import io.freshet.bench.Figures;
import io.freshet.bench.harness.BenchFlink;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.runtime.flink.StateBackendKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fraud scenarios in quick mode on a real broker and MiniCluster: every result complete and
 * consistent with the plain-Java reference. Timings are printed by the scenarios, never asserted.
 */
class FraudScenariosQuickTest {
  private static final long EVENTS = FraudThroughputScenario.QUICK_EVENTS;

  @TempDir static Path dir;
  private static BenchKafka kafka;
  private static BenchFlink flink;
  private static BenchContext context;

  @BeforeAll
  static void startCluster() throws Exception {
    kafka = BenchKafka.embedded(dir.resolve("kafka"));
    flink = BenchFlink.start(dir.resolve("checkpoints"), 2, 2);
    BenchOptions options =
        new BenchOptions(
            List.of(),
            true,
            OptionalLong.empty(),
            Optional.empty(),
            false,
            dir.resolve("results"),
            BenchOptions.DEFAULT_SEED,
            StateBackendKind.HEAP);
    context = new BenchContext(options, kafka, flink, dir, Progress.NONE, Map.of());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    flink.close();
    kafka.close();
  }

  /** What the testkit's independent reference expects of the scenarios' backlog. */
  private static FraudOutputCheck.Expected expected() {
    return FraudOutputCheck.Expected.of(
        FraudWorkloads.stream(
            BenchOptions.DEFAULT_SEED, EVENTS, FraudThroughputScenario.customersFor(EVENTS)));
  }

  @Test
  void passthroughSeesEveryEvent() throws Exception {
    ScenarioResult result = new FlinkPassthroughScenario().run(context);

    assertThat(result.figure("events_processed")).isEqualTo(EVENTS);
    assertThat(result.figure(Figures.THROUGHPUT)).isPositive();
  }

  @Test
  void fraudThroughputDeliversEveryDecisionAndAlertOnce() throws Exception {
    ScenarioResult result = new FraudThroughputScenario().run(context);

    FraudOutputCheck.Expected expected = expected();
    assertThat(result.figure("decisions")).isEqualTo(EVENTS);
    assertThat(result.figure("alerts")).isEqualTo(expected.alertIds().size());
    // The workload plants every kind of fraud, so each rule has work to do.
    assertThat(result.figure("alerts_velocity")).isPositive();
    assertThat(result.figure("alerts_impossible_travel")).isPositive();
    assertThat(result.figure("alerts_amount_anomaly")).isPositive();
  }

  @Test
  void fraudLatencyMeasuresEveryDecisionAtEveryRate() throws Exception {
    ScenarioResult result = new FraudLatencyScenario().run(context);

    for (int rate : FraudLatencyScenario.RATES) {
      assertOrderedLatencies(result, "", rate);
    }
    for (int rate : FraudLatencyScenario.SHORT_INTERVAL_RATES) {
      assertOrderedLatencies(result, FraudLatencyScenario.SHORT_INTERVAL_PREFIX, rate);
    }
  }

  private static void assertOrderedLatencies(ScenarioResult result, String prefix, int rate) {
    for (String kind : List.of("processing", "visible")) {
      double p50 = result.figure(prefix + Figures.latency(rate, kind, "p50"));
      double p99 = result.figure(prefix + Figures.latency(rate, kind, "p99"));
      double max = result.figure(prefix + Figures.latency(rate, kind, "max"));
      assertThat(p50).isNotNaN().isLessThanOrEqualTo(p99);
      assertThat(p99).isLessThanOrEqualTo(max);
    }
    // A decision is visible only after it was appended.
    assertThat(result.figure(prefix + Figures.latency(rate, "visible", "p50")))
        .isGreaterThanOrEqualTo(result.figure(prefix + Figures.latency(rate, "processing", "p50")));
  }

  @Test
  void velocityTextbookComparesBothJobsWithTheExactAnswer() throws Exception {
    ScenarioResult result = new VelocityTextbookScenario().run(context);

    long exact = expected().velocity().size();
    assertThat(exact).isPositive();
    assertThat(result.figure("bursts")).isEqualTo(exact);
    assertThat(result.figure("exact_alerts")).isEqualTo(exact);
    assertThat(result.figure("textbook_detected") + result.figure("textbook_missed"))
        .isEqualTo(exact);
    assertThat(result.figure("textbook_alerts"))
        .isEqualTo(
            result.figure("textbook_detected")
                + result.figure("textbook_repeated")
                + result.figure("textbook_spurious"));
    assertThat(result.figure("freshet_eps")).isPositive();
    assertThat(result.figure("textbook_eps")).isPositive();
  }
}
