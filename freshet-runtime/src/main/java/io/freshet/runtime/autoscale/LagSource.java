package io.freshet.runtime.autoscale;

/**
 * Where the autoscaler reads a job's consumer lag: Kafka in production, a fixed figure in tests.
 */
@FunctionalInterface
public interface LagSource {
  /** Records on the job's inputs its consumer group has not committed yet. */
  long lag() throws InterruptedException;
}
