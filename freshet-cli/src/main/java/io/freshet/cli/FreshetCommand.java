package io.freshet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code freshet} command: real-time analytics on Kafka and Flink, one process. */
@Command(
    name = "freshet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Real-time streaming analytics on Apache Kafka and Apache Flink.",
    subcommands = {
      RunCommand.class,
      BenchCommand.class,
      ProduceCommand.class,
      TailCommand.class,
      DlqCommand.class,
      StatusCommand.class,
      SqlCommand.class
    })
public final class FreshetCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    int exit =
        new CommandLine(new FreshetCommand())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args);
    System.exit(exit);
  }
}
