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
   * Whether the scenario uses the run's Kafka broker and Flink MiniCluster; a run whose scenarios
   * all answer false starts neither.
   */
  default boolean needsCluster() {
    return true;
  }

  /**
   * Runs the scenario.
   *
   * @throws IncompleteResultsException when the job's output is not exactly what was expected
   */
  ScenarioResult run(BenchContext context) throws Exception;
}
