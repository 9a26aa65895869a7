package io.freshet.bench.cli;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchOptions;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.harness.BenchFlink;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.report.Charts;
import io.freshet.bench.report.MarkdownSummary;
import io.freshet.bench.report.ResultFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Runs the asked-for scenarios against one private embedded broker (or the given cluster) and one
 * MiniCluster, prints each table, and writes JSON and charts.
 */
public final class BenchRunner {

  private final BenchOptions options;
  private final Progress progress;
  private final PrintStream out;

  public BenchRunner(BenchOptions options, Progress progress, PrintStream out) {
    this.options = options;
    this.progress = progress;
    this.out = out;
  }

  /** Runs every scenario in order; the first failure stops the run. */
  public List<ScenarioResult> run() throws Exception {
    List<BenchScenario> scenarios = BenchScenarios.resolve(options.scenarios());
    Path resultsDir = options.scenarioResultsDir();
    Path workDir = Files.createTempDirectory("freshet-bench-");
    List<ScenarioResult> results = new ArrayList<>();
    // Scenarios that measure no job (the serving store's) need neither broker nor MiniCluster.
    boolean cluster = scenarios.stream().anyMatch(BenchScenario::needsCluster);
    try (BenchKafka kafka = cluster ? startKafka(workDir) : null;
        BenchFlink flink =
            cluster
                ? BenchFlink.start(
                    workDir.resolve("checkpoints"),
                    BenchContext.PARALLELISM,
                    2,
                    options.managedMemory())
                : null) {
      BenchContext context =
          new BenchContext(
              options, kafka, flink, workDir, progress, ResultFiles.readAll(resultsDir));
      for (BenchScenario scenario : scenarios) {
        out.println("== " + scenario.name() + ": " + scenario.description());
        ScenarioResult result = runOne(scenario, context);
        context.recorded(result);
        results.add(result);
        for (ResultTable table : result.tables()) {
          out.println(table.render());
        }
        result.notes().forEach(note -> out.println("note: " + note));
        out.println("wrote " + ResultFiles.write(resultsDir, result));
        out.println();
      }
      Map<String, ScenarioResult> recorded = ResultFiles.readAll(resultsDir);
      for (Path chart : Charts.render(recorded, resultsDir)) {
        out.println("chart " + chart);
      }
      out.println("summary " + MarkdownSummary.write(inCatalogueOrder(recorded), resultsDir));
    } finally {
      deleteRecursively(workDir);
    }
    return results;
  }

  private ScenarioResult runOne(BenchScenario scenario, BenchContext context) throws Exception {
    ScenarioResult measured = scenario.run(context);
    List<ResultTable> profiles = context.takeProfiles();
    if (profiles.isEmpty()) {
      return measured;
    }
    List<ResultTable> tables = new ArrayList<>(measured.tables());
    tables.addAll(profiles);
    return new ScenarioResult(
        measured.scenario(),
        measured.finishedAt(),
        measured.quick(),
        measured.parameters(),
        tables,
        measured.figures(),
        measured.notes());
  }

  private static List<ScenarioResult> inCatalogueOrder(Map<String, ScenarioResult> recorded) {
    List<ScenarioResult> ordered = new ArrayList<>();
    for (String name : BenchScenarios.byName().keySet()) {
      if (recorded.containsKey(name)) {
        ordered.add(recorded.get(name));
      }
    }
    return ordered;
  }

  private BenchKafka startKafka(Path workDir) throws Exception {
    if (options.bootstrapServers().isPresent()) {
      String runId = UUID.randomUUID().toString().substring(0, 8);
      return BenchKafka.external(options.bootstrapServers().get(), runId);
    }
    return BenchKafka.embedded(workDir.resolve("kafka"));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
