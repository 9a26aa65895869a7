package io.freshet.cli;

import io.freshet.runtime.cluster.ClusterException;
import io.freshet.runtime.cluster.ClusterLayout;
import io.freshet.runtime.cluster.FlinkDistribution;
import io.freshet.runtime.cluster.Jvm;
import io.freshet.runtime.cluster.LocalCluster;
import io.freshet.runtime.cluster.ManagedProcess;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code freshet cluster down}: stop every process of the cluster, keeping its data. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "Stop every process of the cluster: SIGTERM, and SIGKILL for one still running after"
          + " --grace. Only the pids in the cluster's own pid files, and only while they still run"
          + " the cluster's command lines; nothing else on the machine is touched.",
      "The data stays: `cluster up` brings the same cluster back. On a stopped cluster, a no-op."
    })
public final class ClusterDownCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ClusterCommand.DirOption dir = new ClusterCommand.DirOption();

  @Option(
      names = "--grace",
      converter = DurationConverter.class,
      description = "How long a process may take to stop cleanly before SIGKILL (default: 60s).")
  Duration grace = LocalCluster.DEFAULT_STOP_GRACE;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Optional<ClusterLayout> layout = ClusterLayout.read(dir.absolute());
      if (layout.isEmpty()) {
        out.println(ClusterText.noCluster(dir.absolute()) + " Nothing to stop.");
        out.flush();
        return 0;
      }
      List<ManagedProcess.Stopped> stopped =
          new LocalCluster(layout.get(), Jvm.current(), FlinkDistribution.current()).down(grace);
      out.print(ClusterText.down(stopped));
      out.flush();
      return 0;
    } catch (ClusterException e) {
      err.println("cluster down failed: " + e.getMessage());
      return 1;
    }
  }
}
