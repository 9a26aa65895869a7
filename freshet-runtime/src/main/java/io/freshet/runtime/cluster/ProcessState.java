package io.freshet.runtime.cluster;

/** How a managed process is doing, as {@code cluster status} reports it. */
public enum ProcessState {
  /** Its pid file names a live process of ours, and its health probe passes. */
  RUNNING,
  /** No live process of ours: no pid file, or one naming a process that is gone. */
  STOPPED,
  /** Our process is alive but its health probe fails: starting, stuck, or cut off. */
  UNHEALTHY
}
