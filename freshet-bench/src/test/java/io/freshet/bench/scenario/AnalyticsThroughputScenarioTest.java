package io.freshet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchOptions;
import io.freshet.bench.harness.BenchFlink;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.runtime.flink.StateBackendKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsThroughputScenarioTest {
  @TempDir Path dir;

  @Test
  void quickRunEqualsTheReferenceOnEveryOutputOfBothPipelines() throws Exception {
    BenchOptions options =
        new BenchOptions(
            List.of(AnalyticsThroughputScenario.NAME),
            true,
            OptionalLong.empty(),
            Optional.empty(),
            false,
            dir.resolve("results"),
            BenchOptions.DEFAULT_SEED,
            StateBackendKind.HEAP);
    ScenarioResult result;
    try (BenchKafka kafka = BenchKafka.embedded(dir.resolve("kafka"));
        BenchFlink flink = BenchFlink.start(dir.resolve("checkpoints"), 2, 2)) {
      BenchContext context =
          new BenchContext(options, kafka, flink, dir.resolve("work"), Progress.NONE, Map.of());
      // Throws IncompleteResultsException when any output differs from the reference.
      result = new AnalyticsThroughputScenario().run(context);
    }

    assertThat(result.figure(AnalyticsThroughputScenario.CLICKSTREAM_EVENTS_CHECKED))
        .isEqualTo(20_000);
    assertThat(result.figure(AnalyticsThroughputScenario.IOT_EVENTS_CHECKED)).isEqualTo(20_000);
    assertThat(result.figures())
        .containsKeys(
            AnalyticsThroughputScenario.CLICKSTREAM_EPS, AnalyticsThroughputScenario.IOT_EPS)
        // No kafka-limit or flink-passthrough result to compare with.
        .doesNotContainKeys(
            AnalyticsThroughputScenario.CLICKSTREAM_RATIO_KAFKA,
            AnalyticsThroughputScenario.IOT_RATIO_KAFKA,
            AnalyticsThroughputScenario.CLICKSTREAM_RATIO_PASSTHROUGH,
            AnalyticsThroughputScenario.IOT_RATIO_PASSTHROUGH);

    ResultTable throughput = result.tables().get(0);
    assertThat(throughput.rows())
        .extracting(row -> row.get(0))
        .containsExactly("clickstream", "iot");
    assertThat(throughput.rows())
        .allSatisfy(
            row -> {
              assertThat(row.get(1)).isEqualTo("20000");
              assertThat(row.get(4)).isEqualTo("n/a");
              assertThat(row.get(5)).isEqualTo("n/a");
            });

    // pipeline/output → [committed records, final rows, reference rows]
    Map<String, List<Long>> completeness =
        result.tables().get(1).rows().stream()
            .collect(
                Collectors.toMap(
                    row -> row.get(0) + "/" + row.get(1),
                    row ->
                        List.of(
                            Long.parseLong(row.get(2)),
                            Long.parseLong(row.get(3)),
                            Long.parseLong(row.get(4)))));
    assertThat(completeness)
        .containsOnlyKeys(
            "clickstream/revenue-per-minute",
            "clickstream/sessions",
            "clickstream/late-events",
            "clickstream/dead letters",
            "iot/sensor-stats-5s",
            "iot/sensor-stddev-1m",
            "iot/sensor-anomalies",
            "iot/sensor-alerts",
            "iot/late-events",
            "iot/dead letters");
    completeness.forEach(
        (output, counts) -> assertThat(counts.get(1)).as(output).isEqualTo(counts.get(2)));
    // The comparison is not vacuous: the reference expects rows of every windowed output.
    for (String output :
        List.of(
            "clickstream/revenue-per-minute",
            "clickstream/sessions",
            "iot/sensor-stats-5s",
            "iot/sensor-stddev-1m",
            "iot/sensor-anomalies",
            "iot/sensor-alerts")) {
      assertThat(completeness.get(output).get(2)).as(output).isPositive();
    }
    for (String output :
        List.of(
            "clickstream/late-events",
            "clickstream/dead letters",
            "iot/late-events",
            "iot/dead letters")) {
      assertThat(completeness.get(output).get(0)).as(output).isZero();
    }
  }
}
