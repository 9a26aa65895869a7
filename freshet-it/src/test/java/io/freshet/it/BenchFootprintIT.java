package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchOptions;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.scenario.FootprintScenario;
import io.freshet.runtime.flink.StateBackendKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code footprint} bench scenario in quick mode: it starts {@code freshet run} twice from the
 * classpath (which only this module, depending on the CLI, has) and reports CPU and memory. Asserts
 * that it completes with figures, never what they are.
 */
class BenchFootprintIT {
  @Test
  void measuresAnIdleAndADemoProcess(@TempDir Path dir) throws Exception {
    BenchOptions options =
        new BenchOptions(
            List.of("footprint"),
            true,
            OptionalLong.empty(),
            Optional.empty(),
            false,
            dir.resolve("results"),
            BenchOptions.DEFAULT_SEED,
            StateBackendKind.HEAP);
    // The scenario uses no bench broker or MiniCluster.
    BenchContext context =
        new BenchContext(options, null, null, dir.resolve("work"), Progress.NONE, Map.of());

    ScenarioResult result = new FootprintScenario().run(context);
    result.tables().forEach(table -> System.out.println(table.render()));
    result.notes().forEach(note -> System.out.println("note: " + note));

    assertThat(result.parameters()).doesNotContainKey("skipped");
    for (String phase : List.of("idle", "demo")) {
      for (String figure :
          List.of("cores", "warm_up_cores", "rss_bytes", "rss_max_bytes", "threads")) {
        assertThat(result.figure(phase + "_" + figure)).as(phase + "_" + figure).isPositive();
      }
      assertThat(result.figures())
          .containsKeys(phase + "_jit_cores", phase + "_checkpoints_per_minute");
    }
    // --no-demo reads nothing; the demo phase reads its traffic.
    assertThat(result.figure("idle_records_per_second")).isZero();
    assertThat(result.figure("demo_records_per_second")).isPositive();
    // The summary and one table of busiest threads per phase.
    assertThat(result.tables()).hasSize(3);
    assertThat(result.tables().get(1).rows()).isNotEmpty();
  }
}
