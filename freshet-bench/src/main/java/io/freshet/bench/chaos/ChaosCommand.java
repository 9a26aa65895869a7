package io.freshet.bench.chaos;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.runtime.cluster.ClusterException;
import io.freshet.runtime.cluster.ClusterLayout;
import io.freshet.runtime.cluster.FlinkDistribution;
import io.freshet.runtime.cluster.Jvm;
import io.freshet.runtime.cluster.LocalCluster;
import io.freshet.runtime.flink.FlinkRestException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code freshet chaos}: the failure drill on a local cluster, with an exact check at the end. */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = {
      "On the local cluster in --dir (`freshet cluster up` first): submit the fraud job on topics"
          + " of its own, produce a seeded workload at a steady rate, kill -9 a TaskManager, the"
          + " broker leading the most transactions partitions, and the JobManager, each started"
          + " again at once; after each, wait for the job to commit new output by itself.",
      "At the end the committed decisions and alerts must equal the reference computation's"
          + " exactly: nothing lost, nothing twice. Prints, per failure, the restart time, the"
          + " time from the kill to new committed output, the decisions aborted and decided"
          + " again, and the peak consumer lag. Exit 0 when exact, 1 otherwise."
    })
public final class ChaosCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "freshet-cluster",
      description = "The cluster's directory (default: ./${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--events",
      description = "Transactions in the workload (default: ${DEFAULT-VALUE}).")
  long events = 60_000;

  @Option(
      names = "--customers",
      description = "Customers they are spread over (default: ${DEFAULT-VALUE}).")
  int customers = 2_000;

  @Option(
      names = "--rate",
      description = "Transactions produced per second (default: ${DEFAULT-VALUE}).")
  double rate = 400;

  @Option(names = "--seed", description = "The workload's seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--parallelism",
      description = "The fraud job's parallelism (default: ${DEFAULT-VALUE}).")
  int parallelism = 2;

  @Option(
      names = "--checkpoint-interval-ms",
      description = "The job's checkpoint interval in ms (default: ${DEFAULT-VALUE}).")
  long checkpointIntervalMs = 1_000;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path absolute = dir.toAbsolutePath().normalize();
    Optional<ClusterLayout> layout = ClusterLayout.read(absolute);
    if (layout.isEmpty()) {
      err.println(
          "chaos: no cluster in " + absolute + "; `freshet cluster up --dir " + dir + "` first");
      return 1;
    }
    ChaosScenario.Options options;
    try {
      options =
          new ChaosScenario.Options(
              events, customers, rate, seed, Duration.ofMillis(checkpointIntervalMs), parallelism);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    FlinkDistribution dist = FlinkDistribution.current();
    ChaosScenario scenario =
        new ChaosScenario(
            new LocalCluster(layout.get(), Jvm.current(), dist),
            dist,
            line -> {
              out.println(line);
              out.flush();
            });
    try {
      out.print(scenario.run(options).text());
      out.flush();
      return 0;
    } catch (IncompleteResultsException | IllegalStateException e) {
      out.flush();
      err.println("chaos: NOT exact: " + e.getMessage());
      return 1;
    } catch (ClusterException | FlinkRestException e) {
      out.flush();
      err.println("chaos failed: " + e.getMessage());
      return 1;
    }
  }
}
