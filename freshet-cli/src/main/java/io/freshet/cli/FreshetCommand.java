package io.freshet.cli;

import io.freshet.runtime.cli.CommandPlugin;
import java.util.ServiceLoader;
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
      ProduceCommand.class,
      TailCommand.class,
      DlqCommand.class,
      StatusCommand.class,
      SqlCommand.class,
      SizeCommand.class,
      ClusterCommand.class,
      SubmitCommand.class,
      UpgradeCommand.class,
      AutoscaleCommand.class
    })
public final class FreshetCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The command with its built-in subcommands and those of every {@link CommandPlugin} on the
   * classpath, such as {@code bench}, which {@code ./freshet} puts on the classpath only for {@code
   * bench} and the top-level help.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new FreshetCommand());
    for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
      cli.addSubcommand(plugin.command());
    }
    // Set after the plugins: it only reaches the subcommands already added.
    return cli.setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
