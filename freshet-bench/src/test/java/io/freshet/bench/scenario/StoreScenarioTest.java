package io.freshet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchOptions;
import io.freshet.bench.Figures;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.runtime.flink.StateBackendKind;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code store} scenario in quick mode, on DuckDB and a throwaway PostgreSQL. */
class StoreScenarioTest {
  @TempDir Path dir;

  @Test
  void quickRunMeasuresEveryEngineTableAndShapeWithoutACluster() throws Exception {
    // Given a context without broker and MiniCluster, as the runner builds for this scenario
    BenchOptions options =
        new BenchOptions(
            List.of(StoreScenario.NAME),
            true,
            OptionalLong.empty(),
            Optional.empty(),
            false,
            dir.resolve("results"),
            BenchOptions.DEFAULT_SEED,
            StateBackendKind.HEAP);
    BenchContext context =
        new BenchContext(options, null, null, dir.resolve("work"), Progress.NONE, Map.of());

    // When it runs (it throws IncompleteResultsException when a table is not as written)
    ScenarioResult result = new StoreScenario().run(context);

    // Then it reports a rate per engine, table and shape, for whole batches of the sink's size
    assertThat(new StoreScenario().needsCluster()).isFalse();
    List<String> cases = new java.util.ArrayList<>();
    for (String engine : List.of("duckdb", "postgresql")) {
      for (String table : List.of("transaction_decisions", "sensor_stats_5s")) {
        for (String shape : List.of("fresh", "update")) {
          cases.add(Figures.storeRate(engine, table, shape));
          cases.add(Figures.storeCpu(engine, table, shape));
        }
      }
    }
    assertThat(result.figures().keySet()).containsExactlyElementsOf(cases);
    assertThat(result.figures().values()).allSatisfy(value -> assertThat(value).isPositive());
    assertThat(result.parameters())
        .containsEntry("batch_rows", 10_000)
        .containsEntry("rows_per_shape", 20_000);
    assertThat(result.tables().get(0).rows()).hasSize(8);
    // And the upsert is timed in the flush, apart from buffering the rows
    int flush = result.tables().get(0).headers().indexOf("flush p50 ms");
    assertThat(result.tables().get(0).rows())
        .allSatisfy(row -> assertThat(Double.parseDouble(row.get(flush))).isPositive());
  }

  @Test
  void workloadsWriteDistinctKeysAndUpdateTheSameOnes() {
    // Given both workloads' fresh and update rows for 20,000 keys
    List<TransactionDecision> decisions =
        StoreWorkload.decisions().rows(StoreWorkload.FRESH, 7, 0, 20_000);
    List<TransactionDecision> decisionUpdates =
        StoreWorkload.decisions().rows(StoreWorkload.UPDATE, 7, 0, 20_000);
    List<SensorStats5s> stats = StoreWorkload.sensorStats().rows(StoreWorkload.FRESH, 7, 0, 20_000);
    List<SensorStats5s> statUpdates =
        StoreWorkload.sensorStats().rows(StoreWorkload.UPDATE, 7, 0, 20_000);

    // Then every fresh key is new, and the updates cover exactly those keys with newer values
    Set<Object> decisionKeys = keys(decisions.stream().map(d -> (Object) d.transactionId()));
    assertThat(decisionKeys).hasSize(20_000);
    assertThat(keys(decisionUpdates.stream().map(d -> (Object) d.transactionId())))
        .isEqualTo(decisionKeys);
    Set<Object> statKeys =
        keys(stats.stream().map(s -> List.of(s.deviceId(), s.sensorType(), s.windowStart())));
    assertThat(statKeys).hasSize(20_000);
    assertThat(
            keys(
                statUpdates.stream()
                    .map(s -> List.of(s.deviceId(), s.sensorType(), s.windowStart()))))
        .isEqualTo(statKeys);
    assertThat(statUpdates).allSatisfy(s -> assertThat(s.revision()).isEqualTo(1));
    assertThat(stats).allSatisfy(s -> assertThat(s.revision()).isZero());
    // And the same seed gives the same rows
    assertThat(StoreWorkload.decisions().rows(StoreWorkload.FRESH, 7, 0, 10).get(3))
        .usingRecursiveComparison()
        .isEqualTo(decisions.get(3));
  }

  private static Set<Object> keys(java.util.stream.Stream<Object> keys) {
    Set<Object> distinct = new HashSet<>();
    keys.forEach(distinct::add);
    return distinct;
  }
}
