package io.freshet.runtime.cluster;

/** Asks a running process whether it does its job: answers on its port, has joined its cluster. */
@FunctionalInterface
public interface ProcessProbe {
  /** Whether the process is healthy now; bounded in time, never throws for an unhealthy one. */
  boolean healthy() throws InterruptedException;
}
