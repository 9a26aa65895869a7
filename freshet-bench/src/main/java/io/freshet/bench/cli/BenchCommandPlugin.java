package io.freshet.bench.cli;

import io.freshet.runtime.cli.CommandPlugin;

/** Adds {@code freshet bench} to the CLI when this module is on its classpath. */
public final class BenchCommandPlugin implements CommandPlugin {
  @Override
  public Object command() {
    return new BenchCommand();
  }
}
