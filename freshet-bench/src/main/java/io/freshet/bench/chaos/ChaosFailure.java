package io.freshet.bench.chaos;

/** The failures {@code freshet chaos} injects, in the order it injects them. */
public enum ChaosFailure {
  /** {@code kill -9} of a TaskManager that runs tasks of the job. */
  TASK_MANAGER("kill -9 a TaskManager"),
  /**
   * {@code kill -9} of the broker leading the most input partitions (and the active controller, if
   * it is).
   */
  LEADING_BROKER("kill -9 the broker leading the most transactions partitions"),
  /** {@code kill -9} of the JobManager; ZooKeeper HA lets its restart recover the job. */
  JOB_MANAGER("kill -9 the JobManager");

  private final String description;

  ChaosFailure(String description) {
    this.description = description;
  }

  /** What is done, for the report. */
  public String description() {
    return description;
  }
}
