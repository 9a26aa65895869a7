package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.FreshetRunProcess;
import io.freshet.bench.harness.ProcessSampler.ThreadGroupUse;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.scenario.FootprintScenario.Measured;
import io.freshet.runtime.config.FreshetConfig;
import java.time.Duration;
import java.util.List;

/** Builds the {@code footprint} scenario's figures, tables and notes from what it measured. */
final class FootprintReport {
  private static final FreshetConfig PRODUCTION = FreshetConfig.defaults();

  private FootprintReport() {}

  /** A figure of one phase, e.g. {@code idle_cores}. */
  static String figure(FootprintScenario.Phase phase, String name) {
    return phase.label + "_" + name;
  }

  static ScenarioResult build(
      String name, BenchContext context, Duration warmUp, Duration window, List<Measured> phases) {
    ScenarioResult.Builder result =
        new ScenarioResult.Builder(name, context.options().quick())
            .parameter("warm_up_seconds", warmUp.toSeconds())
            .parameter("window_seconds", window.toSeconds())
            .parameter("demo_rate_per_topic", PRODUCTION.demoRate())
            .parameter("checkpoint_interval_ms", PRODUCTION.checkpointInterval().toMillis())
            .parameter("heap", FreshetRunProcess.MAX_HEAP)
            .parameter("profile", context.options().profile());
    ResultTable.Builder summary =
        ResultTable.titled(
            "freshet run at rest (cores = CPU seconds per second over the window)",
            "phase",
            "healthy after s",
            "warm-up cores",
            "cores",
            "JIT cores",
            "cores w/o JIT",
            "RSS mean MiB",
            "RSS max MiB",
            "VmHWM MiB",
            "threads",
            "records/s",
            "checkpoints/min",
            "bench JVM cores");
    for (Measured m : phases) {
      FootprintScenario.Phase phase = m.phase();
      result
          .figure(figure(phase, "cores"), m.window().cores())
          .figure(figure(phase, "jit_cores"), m.jitCores())
          .figure(figure(phase, "cores_without_jit"), m.window().cores() - m.jitCores())
          .figure(figure(phase, "warm_up_cores"), m.warmUp().cores())
          .figure(figure(phase, "rss_bytes"), m.rssMeanBytes())
          .figure(figure(phase, "rss_max_bytes"), m.rssMaxBytes())
          .figure(figure(phase, "rss_high_water_bytes"), m.highWaterBytes())
          .figure(figure(phase, "threads"), m.window().threads())
          .figure(figure(phase, "records_per_second"), m.recordsPerSecond())
          .figure(figure(phase, "checkpoints_per_minute"), m.checkpointsPerMinute())
          .figure(figure(phase, "healthy_seconds"), m.startSeconds())
          .figure(figure(phase, "bench_jvm_cores"), m.benchJvmCores());
      summary.row(
          phase.label,
          String.format("%.1f", m.startSeconds()),
          cores(m.warmUp().cores()),
          cores(m.window().cores()),
          cores(m.jitCores()),
          cores(m.window().cores() - m.jitCores()),
          mib(m.rssMeanBytes()),
          mib(m.rssMaxBytes()),
          mib(m.highWaterBytes()),
          Integer.toString(m.window().threads()),
          String.format("%.1f", m.recordsPerSecond()),
          String.format("%.1f", m.checkpointsPerMinute()),
          cores(m.benchJvmCores()));
    }
    result.table(summary.build());
    for (Measured m : phases) {
      ResultTable.Builder threads =
          ResultTable.titled(
              "busiest threads of freshet run, "
                  + m.phase().label
                  + " (names as Linux keeps them: 15 characters, digits as #)",
              "thread",
              "cores",
              "share");
      for (ThreadGroupUse group :
          m.window().groups().stream().limit(FootprintScenario.TOP_THREADS).toList()) {
        threads.row(
            group.name(),
            cores(group.cores()),
            String.format("%.1f %%", 100 * group.cores() / m.window().cores()));
      }
      result.table(threads.build());
      m.hotFrames().ifPresent(result::table);
    }
    Measured idle = phases.get(0);
    Measured demo = phases.get(1);
    result
        .note(
            "each phase is a fresh freshet run process ("
                + FreshetRunProcess.MAX_HEAP
                + ", own data dir and ports, started from the bench's classpath like ./freshet);"
                + " the clock starts when /api/health answers 200 (every job RUNNING), then "
                + warmUp.toSeconds()
                + " s of warm-up (JIT compilation, first checkpoints; its cores are reported) and "
                + window.toSeconds()
                + " s measured. cores = utime + stime of the process (/proc/<pid>/stat, threads"
                + " that ended included) / wall seconds; RSS from /proc/<pid>/status once a second")
        .note(
            "JIT cores = HotSpot's C1/C2 compiler threads: start-up cost that decays over minutes,"
                + " not a cost at rest; cores w/o JIT is the closer estimate of the steady state")
        .note(
            "records/s: input offsets the pipelines' consumer groups committed (Flink commits"
                + " them on each completed checkpoint), checkpoints/min: completed checkpoints of"
                + " every job (Flink REST API), both read before and after the window, outside"
                + " it: the idle process must read nothing, the demo one about "
                + 3 * PRODUCTION.demoRate()
                + " events/s (three input topics)")
        .note(
            "bench JVM cores: this bench process over the same window (it only reads /proc and"
                + " sleeps); other processes on the machine are not measured and share its cores")
        .note(
            String.format(
                "targets of issue 11: idle <= %.2f cores (measured %.3f: %s), default demo <= %.2f"
                    + " cores (measured %.3f: %s)",
                FootprintScenario.TARGET_IDLE_CORES,
                idle.window().cores(),
                idle.window().cores() <= FootprintScenario.TARGET_IDLE_CORES ? "met" : "not met",
                FootprintScenario.TARGET_DEMO_CORES,
                demo.window().cores(),
                demo.window().cores() <= FootprintScenario.TARGET_DEMO_CORES ? "met" : "not met"));
    if (context.options().profile()) {
      result.note(
          "--profile: a JFR recording (settings=profile) of the measured process ran over the"
              + " window; it costs the process some CPU itself");
    }
    return result.build();
  }

  private static String cores(double cores) {
    return String.format("%.3f", cores);
  }

  private static String mib(double bytes) {
    return String.format("%.0f", bytes / (1024 * 1024));
  }
}
