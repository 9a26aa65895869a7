package io.freshet.runtime.deadletter;

/** Hears how far a replay has got, e.g. to draw a progress bar. */
@FunctionalInterface
public interface ReplayProgress {
  /** Ignores progress. */
  ReplayProgress NONE = (done, total) -> {};

  /** Called after each record was sent or skipped. */
  void update(int done, int total);
}
