package io.freshet.bench.harness;

/** Where long benchmark steps report how far they are. */
public interface Progress {
  /** Reports nothing; for tests. */
  Progress NONE = (label, total) -> done -> {};

  /** Starts a step of {@code total} units (records, seconds). */
  Step start(String label, long total);

  /** One step in progress. */
  interface Step {
    /** {@code done} units of the total are finished. */
    void update(long done);
  }
}
