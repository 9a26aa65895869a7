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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code kafka-limit} in quick mode: Kafka's real tools against a real embedded broker. */
class KafkaLimitScenarioTest {

  @Test
  void quickRunMeasuresEveryFigureFromCompleteToolRuns(@TempDir Path dir) throws Exception {
    BenchOptions options =
        new BenchOptions(
            List.of(KafkaLimitScenario.NAME),
            true,
            OptionalLong.empty(),
            Optional.empty(),
            false,
            dir.resolve("results"),
            BenchOptions.DEFAULT_SEED,
            StateBackendKind.HEAP);
    ScenarioResult result;
    try (BenchKafka kafka = BenchKafka.embedded(dir.resolve("kafka"));
        BenchFlink flink = BenchFlink.start(dir.resolve("checkpoints"), 2, 1)) {
      BenchContext context =
          new BenchContext(options, kafka, flink, dir.resolve("work"), Progress.NONE, Map.of());
      result = new KafkaLimitScenario().run(context);
    }

    long asked = options.size(2_000_000, 20_000);
    assertThat(result.scenario()).isEqualTo("kafka-limit");
    assertThat(result.quick()).isTrue();
    assertThat(result.parameters()).containsEntry("records", asked).containsEntry("partitions", 4);
    assertThat(result.figure(Figures.PRODUCE_RATE)).isPositive();
    assertThat(result.figure(Figures.CONSUME_RATE)).isPositive();
    // 1/(1/p + 1/c) is below both rates.
    assertThat(result.figure(Figures.PRODUCE_CONSUME_RATE))
        .isPositive()
        .isLessThan(result.figure(Figures.PRODUCE_RATE))
        .isLessThan(result.figure(Figures.CONSUME_RATE));
    assertThat(result.figure("produce_mb_per_s")).isPositive();
    assertThat(result.figure("consume_mb_per_s")).isPositive();
    assertThat(result.figure("record_bytes")).isBetween(480.0, 600.0);
    double p50 = result.figure(Figures.KAFKA_E2E_P50);
    double p99 = result.figure(Figures.KAFKA_E2E_P99);
    double p999 = result.figure(Figures.KAFKA_E2E_P999);
    assertThat(p50).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(p99);
    assertThat(p99).isLessThanOrEqualTo(p999);
    assertThat(result.tables()).hasSize(1);
    assertThat(result.notes()).anyMatch(n -> n.contains("ProducerPerformance"));
    // Printed once so the measured figures can be read from the test report.
    System.out.println(result.tables().get(0).render());
    result.notes().forEach(n -> System.out.println("note: " + n));
  }
}
