package io.freshet.cli;

import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.cluster.ClusterException;
import io.freshet.runtime.cluster.ClusterLayout;
import io.freshet.runtime.cluster.ClusterRequest;
import io.freshet.runtime.cluster.FlinkDistribution;
import io.freshet.runtime.cluster.FlinkLayout;
import io.freshet.runtime.cluster.Jvm;
import io.freshet.runtime.cluster.LocalCluster;
import io.freshet.runtime.cluster.UpReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code freshet cluster up}: start what of the cluster does not run, then wait until healthy. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the cluster's processes that do not run (all of them the first time; on a running"
          + " cluster only those that died), wait until every broker is live, create every"
          + " pipeline topic with replication factor 3, wait until no partition is"
          + " under-replicated, and print where each part is.",
      "The processes outlive this command; `cluster down` stops them."
    })
public final class ClusterUpCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ClusterCommand.DirOption dir = new ClusterCommand.DirOption();

  @Option(
      names = "--brokers",
      paramLabel = "N",
      description =
          "Kafka nodes of a new cluster, each broker and controller (default: "
              + LocalCluster.DEFAULT_BROKERS
              + "); an existing cluster keeps its own.")
  Integer brokers;

  @Option(
      names = "--base-port",
      paramLabel = "PORT",
      description =
          "Client port of the first broker of a new cluster; broker N listens on PORT+N-1 and its"
              + " controller "
              + ClusterLayout.CONTROLLER_PORT_OFFSET
              + " above (default: "
              + ClusterLayout.DEFAULT_BASE_PORT
              + ").")
  Integer basePort;

  @Option(
      names = "--taskmanagers",
      paramLabel = "N",
      description =
          "Flink TaskManagers of a new cluster, "
              + FlinkLayout.DEFAULT_SLOTS
              + " slots each (default: "
              + FlinkLayout.DEFAULT_TASK_MANAGERS
              + ").")
  Integer taskManagers;

  @Option(
      names = "--flink-port",
      paramLabel = "PORT",
      description =
          "The JobManager's REST API and web UI in a new cluster (default: "
              + FlinkLayout.DEFAULT_REST_PORT
              + ").")
  Integer flinkPort;

  @Option(
      names = "--jobmanager-port",
      paramLabel = "PORT",
      description =
          "The JobManager's RPC port in a new cluster (default: "
              + FlinkLayout.DEFAULT_JOB_MANAGER_PORT
              + ").")
  Integer jobManagerPort;

  @Option(
      names = "--zookeeper-port",
      paramLabel = "PORT",
      description =
          "ZooKeeper's client port in a new cluster, for the JobManager's high availability"
              + " (default: "
              + FlinkLayout.DEFAULT_ZOOKEEPER_PORT
              + ").")
  Integer zooKeeperPort;

  @Option(
      names = "--timeout",
      converter = DurationConverter.class,
      description = "How long to wait for the cluster to become healthy (default: 3m).")
  Duration timeout = LocalCluster.DEFAULT_START_DEADLINE;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (brokers != null && brokers < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--brokers must be at least 1, got " + brokers);
    }
    try {
      ClusterLayout layout =
          LocalCluster.layout(
              dir.absolute(),
              new ClusterRequest(
                  optional(brokers),
                  optional(basePort),
                  optional(taskManagers),
                  optional(flinkPort),
                  optional(jobManagerPort),
                  optional(zooKeeperPort)));
      out.println(ClusterText.heading(layout));
      out.flush();
      UpReport report =
          new LocalCluster(layout, Jvm.current(), FlinkDistribution.current())
              .up(
                  PipelineCatalog.discovered().topics(TopicNaming.PRODUCTION),
                  timeout,
                  line -> {
                    out.println(line);
                    out.flush();
                  });
      out.print(ClusterText.up(report));
    } catch (ClusterException | IllegalArgumentException e) {
      out.flush();
      err.println("cluster up failed: " + e.getMessage());
      return 1;
    }
    out.flush();
    return 0;
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }
}
