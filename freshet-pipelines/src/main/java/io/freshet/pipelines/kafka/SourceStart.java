package io.freshet.pipelines.kafka;

/** Where a pipeline's Kafka sources start reading and whether they end. */
public enum SourceStart {
  /** Production: from the group's committed offsets (earliest when none), without end. */
  COMMITTED,
  /** From the earliest offset, without end: a paced benchmark or a shadow replay. */
  EARLIEST,
  /**
   * From the earliest offset up to the latest offsets at job start, then the job ends: a catch-up
   * benchmark or a backtest over a backlog.
   */
  EARLIEST_BOUNDED
}
