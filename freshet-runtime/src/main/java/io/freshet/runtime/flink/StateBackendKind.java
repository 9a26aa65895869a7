package io.freshet.runtime.flink;

/** The Flink state backends a benchmark job can run on. */
public enum StateBackendKind {
  /** Objects on the JVM heap, full snapshots: every checkpoint writes every key's state. */
  HEAP("hashmap"),
  /** Serialized state in embedded RocksDB, incremental checkpoints: Freshet's default. */
  ROCKSDB("rocksdb");

  /**
   * RocksDB: a checkpoint uploads what changed since the last one, so its cost does not grow with
   * the number of customers held, and state lives off the JVM heap. The heap backend decides faster
   * per event, but at a million customers each heap checkpoint would write the whole half-gigabyte
   * state (docs/benchmarks.md, issue 11).
   */
  public static final StateBackendKind DEFAULT = ROCKSDB;

  private final String flinkName;

  StateBackendKind(String flinkName) {
    this.flinkName = flinkName;
  }

  /** How reports name it: Flink's own name. */
  public String label() {
    return flinkName;
  }

  /** The value of Flink's {@code state.backend.type}. */
  public String flinkName() {
    return flinkName;
  }
}
