package io.freshet.runtime.flink;

/** The Flink state backends a benchmark job can run on. */
public enum StateBackendKind {
  /** Objects on the JVM heap, full snapshots: Freshet's default. */
  HEAP("hashmap"),
  /** Serialized state in embedded RocksDB, incremental checkpoints. */
  ROCKSDB("rocksdb");

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
