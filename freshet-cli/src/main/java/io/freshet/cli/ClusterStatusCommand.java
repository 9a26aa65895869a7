package io.freshet.cli;

import io.freshet.runtime.cluster.ClusterException;
import io.freshet.runtime.cluster.ClusterLayout;
import io.freshet.runtime.cluster.ClusterStatus;
import io.freshet.runtime.cluster.FlinkDistribution;
import io.freshet.runtime.cluster.Jvm;
import io.freshet.runtime.cluster.LocalCluster;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code freshet cluster status}: each process of the cluster, and Kafka as a client sees it. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "List the cluster's processes with pid, ports, state (RUNNING, STOPPED, UNHEALTHY: alive"
          + " but not serving) and log, then the brokers the Admin API sees and the"
          + " under-replicated and offline partitions.",
      "Exits 0 when all of it is healthy, 1 otherwise."
    })
public final class ClusterStatusCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ClusterCommand.DirOption dir = new ClusterCommand.DirOption();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Optional<ClusterLayout> layout = ClusterLayout.read(dir.absolute());
      if (layout.isEmpty()) {
        err.println(ClusterText.noCluster(dir.absolute()));
        return 1;
      }
      ClusterStatus status =
          new LocalCluster(layout.get(), Jvm.current(), FlinkDistribution.current()).status();
      out.print(ClusterText.heading(layout.get()) + "\n" + ClusterText.status(status));
      out.flush();
      return status.healthy() ? 0 : 1;
    } catch (ClusterException e) {
      err.println("cluster status failed: " + e.getMessage());
      return 1;
    }
  }
}
