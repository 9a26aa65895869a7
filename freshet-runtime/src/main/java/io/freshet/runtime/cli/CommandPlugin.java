package io.freshet.runtime.cli;

/**
 * A subcommand of {@code freshet} that the CLI finds at run time with {@link
 * java.util.ServiceLoader} (listed in {@code
 * META-INF/services/io.freshet.runtime.cli.CommandPlugin} of the module providing it), so the CLI
 * never depends on that module: {@code freshet bench} is one, on the classpath only when {@code
 * ./freshet bench} runs.
 */
public interface CommandPlugin {
  /**
   * A new picocli command object: an instance of a class annotated with {@code
   * picocli.CommandLine.Command}, as {@code CommandLine.addSubcommand(Object)} takes it. Typed
   * {@code Object} so this module needs no picocli.
   */
  Object command();
}
