package io.freshet.bench.chaos;

import io.freshet.runtime.cli.CommandPlugin;

/** Adds {@code freshet chaos} to the CLI when the bench module is on its classpath. */
public final class ChaosCommandPlugin implements CommandPlugin {
  @Override
  public Object command() {
    return new ChaosCommand();
  }
}
