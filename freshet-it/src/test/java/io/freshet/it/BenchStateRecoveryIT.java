package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchOptions;
import io.freshet.bench.Figures;
import io.freshet.bench.harness.BenchFlink;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.scenario.RecoveryScenario;
import io.freshet.bench.scenario.StateScenario;
import io.freshet.runtime.flink.StateBackendKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code state} and {@code recovery} bench scenarios in quick mode: they start {@code freshet
 * run} from the classpath, which only this module (depending on the CLI) has. Asserts completeness,
 * never timings.
 */
class BenchStateRecoveryIT {
  private static final long QUICK_KEYS = 5_000;
  private static final long QUICK_TRANSACTIONS = 20_000;

  @Test
  void stateCountsEveryLoadedKeyOnBothBackendsAndMeasuresTheDemoProcess(@TempDir Path dir)
      throws Exception {
    try (BenchKafka kafka = BenchKafka.embedded(dir.resolve("kafka"));
        BenchFlink flink = BenchFlink.start(dir.resolve("checkpoints"), 2, 2)) {
      ScenarioResult result = new StateScenario().run(context(dir, "state", kafka, flink));
      print(result);

      assertThat(result.parameters()).containsEntry("keys", (int) QUICK_KEYS);
      // One committed output per key means the key went through its keyed state.
      for (String figure :
          List.of(
              "customers_in_state_hashmap",
              "customers_in_state_rocksdb",
              "devices_in_state_hashmap",
              "devices_in_state_rocksdb")) {
        assertThat(result.figure(figure)).as(figure).isEqualTo((double) QUICK_KEYS);
      }
      for (String figure :
          List.of(
              Figures.CUSTOMER_STATE_BYTES_HEAP,
              Figures.CUSTOMER_STATE_BYTES_ROCKSDB,
              Figures.DEVICE_STATE_BYTES_HEAP,
              Figures.DEVICE_STATE_BYTES_ROCKSDB,
              Figures.CHECKPOINT_BYTES_HEAP,
              Figures.CHECKPOINT_BYTES_ROCKSDB,
              Figures.DEMO_HEAP_USED_MAX,
              Figures.DEMO_RSS_MAX)) {
        assertThat(result.figure(figure)).as(figure).isPositive();
      }
      assertThat(result.figures())
          .containsKeys(
              Figures.CUSTOMER_HEAP_BYTES_MEASURED,
              Figures.CHECKPOINT_MS_HEAP,
              Figures.CHECKPOINT_MS_ROCKSDB);
    }
  }

  @Test
  void recoveryAfterKillCommitsEveryDecisionExactlyOnce(@TempDir Path dir) throws Exception {
    try (BenchKafka kafka = BenchKafka.embedded(dir.resolve("kafka"));
        BenchFlink flink = BenchFlink.start(dir.resolve("checkpoints"), 2, 1)) {
      // The scenario itself throws IncompleteResultsException on a missing or repeated decision.
      ScenarioResult result = new RecoveryScenario().run(context(dir, "recovery", kafka, flink));
      print(result);

      assertThat(result.figure("decisions_committed")).isEqualTo((double) QUICK_TRANSACTIONS);
      assertThat(result.figure("committed_at_kill"))
          .isGreaterThanOrEqualTo(QUICK_TRANSACTIONS / 2.0)
          .isLessThan(QUICK_TRANSACTIONS);
      assertThat(result.figure(Figures.EVENTS_REPROCESSED))
          .isEqualTo(result.figure("decisions_written") - result.figure("decisions_committed"))
          .isGreaterThanOrEqualTo(0);
      assertThat((String) result.parameters().get("resumed_from")).startsWith("chk-");
      assertThat(result.figures())
          .containsKeys(Figures.RECOVERY_SECONDS, Figures.RESTART_TO_HEALTHY_SECONDS);
      assertThat(result.figure(Figures.CHECKPOINT_INTERVAL_MS)).isEqualTo(1000.0);
    }
  }

  /** The tables and notes, as {@code freshet bench} prints them, for the test log. */
  private static void print(ScenarioResult result) {
    result.tables().forEach(table -> System.out.println(table.render()));
    result.notes().forEach(note -> System.out.println("note: " + note));
    System.out.println("figures: " + result.figures());
  }

  private static BenchContext context(
      Path dir, String scenario, BenchKafka kafka, BenchFlink flink) {
    BenchOptions options =
        new BenchOptions(
            List.of(scenario),
            true,
            OptionalLong.empty(),
            Optional.empty(),
            false,
            dir.resolve("results"),
            BenchOptions.DEFAULT_SEED,
            StateBackendKind.ROCKSDB);
    return new BenchContext(options, kafka, flink, dir.resolve("work"), Progress.NONE, Map.of());
  }
}
