package io.freshet.bench;

import io.freshet.bench.harness.ScenarioResult;

/**
 * One benchmark scenario: it prepares its input, measures, and checks that results are complete.
 */
public interface BenchScenario {
  /** The name given on the command line. */
  String name();

  /** One line for {@code --help} and the report. */
  String description();

  /**
   * Whether the scenario runs on the bench's own broker and MiniCluster ({@link
   * BenchContext#kafka()}, {@link BenchContext#flink()}). A run whose scenarios all answer no
   * starts neither: idle, they would still share the cores with what such a scenario measures.
   */
  default boolean usesBenchCluster() {
    return true;
  }

  /**
   * Runs the scenario.
   *
   * @throws IncompleteResultsException when the job's output is not exactly what was expected
   */
  ScenarioResult run(BenchContext context) throws Exception;
}
