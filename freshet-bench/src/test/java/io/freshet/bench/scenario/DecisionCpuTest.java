package io.freshet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.bench.harness.ProcessSampler.CpuUse;
import io.freshet.bench.harness.ProcessSampler.ThreadGroupUse;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionCpuTest {
  private static final int RATE = 1_000;

  @Test
  void givenTheCoresOfAWindow_thenEachThreadGroupIsReportedInCpuMillisecondsPerDecision() {
    // Given 30 s at 1,000/s: 30,000 decisions; freshet run used 1.2 cores, 0.6 of them in Jetty.
    DecisionCpu cpu = new DecisionCpu();
    CpuUse freshetRun =
        new CpuUse(
            30,
            1.2,
            List.of(
                new ThreadGroupUse("JettyServerThre", 0.6),
                new ThreadGroupUse("fraud-rules ->", 0.3)),
            40);
    CpuUse bench = new CpuUse(30, 0.5, List.of(new ThreadGroupUse("data-plane-kafk", 0.5)), 80);

    // When
    cpu.add(RATE, 30_000, freshetRun, bench);
    ScenarioResult.Builder result = new ScenarioResult.Builder("decision-api", true);
    cpu.addFigures(result);
    ResultTable table = cpu.table();

    // Then: 1.2 cores x 30 s = 36 CPU s over 30,000 decisions = 1.2 ms each.
    ScenarioResult built = result.build();
    assertThat(built.figures())
        .containsEntry("rate_1000.cpu.freshet_run.ms_per_decision", 1.2)
        .containsEntry("rate_1000.cpu.freshet_run.jettyserverthre_ms_per_decision", 0.6)
        .containsEntry("rate_1000.cpu.bench_jvm.data_plane_kafk_ms_per_decision", 0.5);
    assertThat(table.rows())
        .containsExactly(
            List.of("freshet run", "all (process)", "1.200"),
            List.of("", "JettyServerThre", "0.600"),
            List.of("", "fraud-rules ->", "0.300"),
            List.of("", "other", "0.300"),
            List.of("bench JVM (broker, client)", "all (process)", "0.500"),
            List.of("", "data-plane-kafk", "0.500"),
            List.of("", "other", "0.000"));
  }

  @Test
  void threadGroupsBecomeFigureKeys() {
    assertThat(DecisionCpu.key("fraud-rules -> ")).isEqualTo("fraud_rules");
    assertThat(DecisionCpu.key("C# CompilerThre")).isEqualTo("c_compilerthre");
  }
}
