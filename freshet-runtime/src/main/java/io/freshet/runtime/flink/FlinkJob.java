package io.freshet.runtime.flink;

import java.util.Set;

/**
 * One job as a Flink cluster's REST API lists it.
 *
 * @param id the job id, 32 hex digits
 * @param name the job name; a pipeline's job is named after the pipeline
 * @param state Flink's job status, e.g. {@code RUNNING}
 * @param startTime when it was submitted, epoch milliseconds
 */
public record FlinkJob(String id, String name, String state, long startTime) {
  private static final Set<String> TERMINAL = Set.of("FINISHED", "CANCELED", "FAILED");

  /** Whether the job has ended for good (a restarting or suspended one has not). */
  public boolean terminal() {
    return TERMINAL.contains(state);
  }
}
