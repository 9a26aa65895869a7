package io.freshet.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSamplerTest {
  /** A thread's stat line whose name has a space and parentheses, as Flink task names do. */
  private static final String STAT =
      "4242 (fraud-rules -> ) S 1 4200 4200 0 -1 4194368 1513 0 0 0 1234 567 0 0 20 0 310 0"
          + " 987654 9876543210 123456 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 -1 1"
          + " 0 0 0 0 0";

  @Test
  void cpuTicksAreUtimePlusStimeCountedFromTheLastParenthesis() {
    assertThat(ProcessSampler.cpuTicks(STAT)).isEqualTo(1234 + 567);
    assertThat(ProcessSampler.command(STAT)).isEqualTo("fraud-rules -> ");
  }

  @Test
  void threadsOfOneKindShareAGroup() {
    assertThat(ProcessSampler.group("C2 CompilerThre")).isEqualTo("C# CompilerThre");
    assertThat(ProcessSampler.group("C1 CompilerThre")).isEqualTo("C# CompilerThre");
    assertThat(ProcessSampler.group("kafka-1-raft-io")).isEqualTo("kafka-#-raft-io");
    assertThat(ProcessSampler.group("fraud-rules -> ")).isEqualTo("fraud-rules ->");
  }

  @Test
  void statusFieldsAreReadInBytes() {
    String status = "Name:\tjava\nVmHWM:\t  812345 kB\nVmRSS:\t  700000 kB\nThreads:\t300\n";
    assertThat(ProcessSampler.kib(status, "VmRSS")).isEqualTo(700_000L * 1024);
    assertThat(ProcessSampler.kib(status, "VmHWM")).isEqualTo(812_345L * 1024);
  }

  @Test
  void groupsAddUpThreadsAndIgnoreIdleOnes() {
    ProcessSampler.CpuUse use =
        sampler()
            .between(
                new ProcessSampler.Snapshot(
                    0,
                    1_000,
                    Map.of(
                        1L, new ProcessSampler.ThreadTicks("C1 CompilerThre", 100),
                        2L, new ProcessSampler.ThreadTicks("C2 CompilerThre", 300),
                        3L, new ProcessSampler.ThreadTicks("main", 50))),
                new ProcessSampler.Snapshot(
                    2_000_000_000L,
                    1_100,
                    Map.of(
                        1L, new ProcessSampler.ThreadTicks("C1 CompilerThre", 110),
                        2L, new ProcessSampler.ThreadTicks("C2 CompilerThre", 340),
                        3L, new ProcessSampler.ThreadTicks("main", 50),
                        4L, new ProcessSampler.ThreadTicks("new thread", 20))));

    // 100 ticks of 1/100 s over 2 s: half a core.
    assertThat(use.cores()).isEqualTo(0.5);
    assertThat(use.groups())
        .containsExactly(
            new ProcessSampler.ThreadGroupUse("C# CompilerThre", 0.25),
            new ProcessSampler.ThreadGroupUse("new thread", 0.1));
    assertThat(use.coresOf(List.of("C# Compiler"))).isEqualTo(0.25);
    assertThat(use.threads()).isEqualTo(4);
  }

  @Test
  void thisJvmCanBeSampledWhereThereIsProc() throws Exception {
    long pid = ProcessHandle.current().pid();
    assumeThat(ProcessSampler.available(pid)).isTrue();
    ProcessSampler sampler = ProcessSampler.of(pid);

    ProcessSampler.Snapshot snapshot = sampler.snapshot();

    assertThat(snapshot.processTicks()).isPositive();
    assertThat(snapshot.threads()).isNotEmpty();
    assertThat(sampler.statusBytes("VmRSS")).isPositive();
  }

  private static ProcessSampler sampler() {
    return ProcessSampler.withTicksPerSecond(4242, 100);
  }
}
