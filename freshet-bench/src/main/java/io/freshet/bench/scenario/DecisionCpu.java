package io.freshet.bench.scenario;

import io.freshet.bench.harness.ProcessSampler.CpuUse;
import io.freshet.bench.harness.ProcessSampler.ThreadGroupUse;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the CPU of a decision goes: for each rate of {@code decision-api}, the cores {@code freshet
 * run} and the bench JVM (its broker and HTTP client) used, by thread group, turned into CPU
 * milliseconds per decision. The profile that says which part of a request is the engine's.
 */
final class DecisionCpu {
  /** Thread groups shown per process; the rest is summed as "other". */
  static final int GROUPS_SHOWN = 12;

  private final Map<Integer, Step> steps = new LinkedHashMap<>();

  /** One rate's CPU use over its measured window. */
  record Step(long decisions, CpuUse freshetRun, CpuUse benchJvm) {}

  /** Records the CPU both processes used while {@code decisions} requests were answered. */
  void add(int rate, long decisions, CpuUse freshetRun, CpuUse benchJvm) {
    steps.put(rate, new Step(decisions, freshetRun, benchJvm));
  }

  /** Figures {@code rate_N.cpu.<process>.<group>_ms_per_decision} and the process totals. */
  void addFigures(ScenarioResult.Builder result) {
    steps.forEach(
        (rate, step) -> {
          String prefix = "rate_" + rate + ".cpu.";
          result.figure(prefix + "freshet_run.cores", step.freshetRun().cores());
          result.figure(prefix + "bench_jvm.cores", step.benchJvm().cores());
          result.figure(
              prefix + "freshet_run.ms_per_decision",
              perDecision(step.freshetRun().cores(), step.freshetRun(), step));
          result.figure(
              prefix + "bench_jvm.ms_per_decision",
              perDecision(step.benchJvm().cores(), step.benchJvm(), step));
          for (ThreadGroupUse group : step.freshetRun().groups()) {
            result.figure(
                prefix + "freshet_run." + key(group.name()) + "_ms_per_decision",
                perDecision(group.cores(), step.freshetRun(), step));
          }
          for (ThreadGroupUse group : step.benchJvm().groups()) {
            result.figure(
                prefix + "bench_jvm." + key(group.name()) + "_ms_per_decision",
                perDecision(group.cores(), step.benchJvm(), step));
          }
        });
  }

  /** CPU ms per decision by process and thread group (rows) at each rate (columns). */
  ResultTable table() {
    List<String> headers = new ArrayList<>(List.of("process", "threads"));
    for (int rate : steps.keySet()) {
      headers.add(Format.count(rate) + "/s");
    }
    ResultTable.Builder table =
        ResultTable.titled(
            "decision-api: CPU ms per decision by thread group (/proc, over each rate's window)",
            headers.toArray(String[]::new));
    addRows(table, "freshet run", true);
    addRows(table, "bench JVM (broker, client)", false);
    return table.build();
  }

  private void addRows(ResultTable.Builder table, String process, boolean freshetRun) {
    Set<String> shown = new LinkedHashSet<>();
    for (Step step : steps.values()) {
      List<ThreadGroupUse> groups = (freshetRun ? step.freshetRun() : step.benchJvm()).groups();
      groups.stream().limit(GROUPS_SHOWN).forEach(g -> shown.add(g.name()));
    }
    table.row(row(process, "all (process)", freshetRun, null, Set.of()));
    for (String group : shown) {
      table.row(row("", group, freshetRun, group, Set.of()));
    }
    table.row(row("", "other", freshetRun, null, shown));
  }

  private String[] row(
      String process, String label, boolean freshetRun, String group, Set<String> excluded) {
    List<String> cells = new ArrayList<>(List.of(process, label));
    for (Step step : steps.values()) {
      CpuUse use = freshetRun ? step.freshetRun() : step.benchJvm();
      double cores;
      if (group != null) {
        cores =
            use.groups().stream()
                .filter(g -> g.name().equals(group))
                .mapToDouble(ThreadGroupUse::cores)
                .sum();
      } else if (excluded.isEmpty()) {
        cores = use.cores();
      } else {
        double named =
            use.groups().stream()
                .filter(g -> excluded.contains(g.name()))
                .mapToDouble(ThreadGroupUse::cores)
                .sum();
        cores = Math.max(0, use.cores() - named);
      }
      cells.add(String.format(Locale.ROOT, "%.3f", perDecision(cores, use, step)));
    }
    return cells.toArray(String[]::new);
  }

  /** {@code cores} over the window of {@code use}, in CPU milliseconds per decision answered. */
  static double perDecision(double cores, CpuUse use, Step step) {
    return step.decisions() <= 0 ? 0 : cores * use.seconds() * 1_000 / step.decisions();
  }

  /** A thread group as a figure key: lower case, runs of other characters as one underscore. */
  static String key(String group) {
    return group.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }
}
