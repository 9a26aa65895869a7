package io.freshet.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code freshet cluster}: a multi-process Kafka cluster on this machine, up, status and down. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Run Freshet's Kafka as a cluster of separate processes on this machine: KRaft nodes, each"
          + " broker and controller, with its own data dir, ports, log and pid file under --dir.",
      "Replication factor 3 (fewer brokers: all of them), min.insync.replicas 2, no unclean"
          + " leader election."
    },
    subcommands = {ClusterUpCommand.class, ClusterStatusCommand.class, ClusterDownCommand.class})
public final class ClusterCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code --dir}: the one option every cluster subcommand shares. */
  static final class DirOption {
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        defaultValue = "freshet-cluster",
        description =
            "The cluster's directory: cluster.json, each process's data, log and pid file"
                + " (default: ./${DEFAULT-VALUE}).")
    Path dir;

    /** The directory, absolute, as the processes' files name it. */
    Path absolute() {
      return dir.toAbsolutePath().normalize();
    }
  }
}
