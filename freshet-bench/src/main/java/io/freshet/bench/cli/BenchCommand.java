package io.freshet.bench.cli;

import io.freshet.bench.BenchOptions;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.ConsoleProgress;
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.runtime.flink.ManagedMemory;
import io.freshet.runtime.flink.StateBackendKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code freshet bench}: end-to-end benchmark scenarios on a private broker and MiniCluster. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run benchmark scenarios against a fresh embedded Kafka broker and Flink MiniCluster (or an"
          + " external cluster), print a table per scenario and write JSON and charts to"
          + " bench-results/.",
      "Scenarios: kafka-limit, flink-passthrough, fraud-throughput, fraud-latency,"
          + " velocity-textbook, analytics-throughput, state, recovery, store, decision-api, platform-throughput, footprint, or all.",
      "JMH microbenchmarks: bench/jmh."
    })
public final class BenchCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "SCENARIO",
      description = "Scenarios to run, in order; 'all' runs every one.")
  List<String> scenarios;

  @Option(
      names = "--quick",
      description = "Small inputs and short phases: checks the harness, measures nothing.")
  boolean quick;

  @Option(names = "--events", description = "Input size of every scenario instead of its default.")
  Long events;

  @Option(
      names = "--bootstrap-servers",
      description =
          "Use this Kafka cluster (topics get a bench.<run>. prefix) instead of a private"
              + " embedded broker.")
  String bootstrapServers;

  @Option(
      names = "--jobmanager",
      paramLabel = "HOST:PORT",
      description =
          "A Flink cluster's REST address (with its Kafka as --bootstrap-servers), for"
              + " cluster-fraud-throughput.")
  String jobManager;

  @Option(
      names = "--profile",
      description = "Record a JFR file per scenario and print its hot frames.")
  boolean profile;

  @Option(
      names = "--results-dir",
      defaultValue = "bench-results",
      description = "Where JSON results and charts go (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(
      names = "--seed",
      description = "Seed of every generator (default: the fixed bench seed).")
  Long seed;

  @Option(
      names = "--state-backend",
      description =
          "State backend of the pipeline jobs: ${COMPLETION-CANDIDATES} (default: as freshet run)."
              + " fraud-throughput measures every backend unless this is given.")
  StateBackendKind stateBackend;

  @Option(
      names = "--customers",
      description =
          "Customers of the fraud backlogs (fraud-throughput; default: events / 20, at most"
              + " 100,000).")
  Integer customers;

  @Option(
      names = "--span-days",
      description =
          "Spread the fraud-throughput backlog over this many days of event time (default: one"
              + " transaction per customer every 30 minutes); e.g. 30 for a month of history.")
  Integer spanDays;

  @Option(
      names = "--managed-memory",
      paramLabel = "SIZE",
      description =
          "Off-heap memory of the bench TaskManager for RocksDB, shared evenly by its slots, e.g."
              + " 2g (default: as freshet run); platform-throughput's freshet run gets it too.")
  String managedMemory;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<BenchScenario> chosen;
    try {
      chosen = BenchScenarios.resolve(scenarios);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("freshet bench: " + e.getMessage());
      return 2;
    }
    BenchOptions options;
    try {
      options =
          new BenchOptions(
              chosen.stream().map(BenchScenario::name).toList(),
              quick,
              events == null ? OptionalLong.empty() : OptionalLong.of(events),
              Optional.ofNullable(bootstrapServers),
              profile,
              resultsDir,
              seed == null ? BenchOptions.DEFAULT_SEED : seed,
              stateBackend == null ? FreshetConfig.defaults().stateBackend() : stateBackend,
              customers == null ? OptionalInt.empty() : OptionalInt.of(customers),
              spanDays == null ? OptionalInt.empty() : OptionalInt.of(spanDays),
              stateBackend != null,
              managedMemory == null
                  ? FreshetConfig.defaults().managedMemory()
                  : ManagedMemory.parse(managedMemory),
              Optional.ofNullable(jobManager));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("freshet bench: " + e.getMessage());
      return 2;
    }
    PrintStream out = System.out;
    try {
      new BenchRunner(options, new ConsoleProgress(System.err, System.console() != null), out)
          .run();
      return 0;
    } catch (IncompleteResultsException e) {
      spec.commandLine().getErr().println("freshet bench: results incomplete: " + e.getMessage());
      return 1;
    }
  }
}
