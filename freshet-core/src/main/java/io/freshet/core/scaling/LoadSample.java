package io.freshet.core.scaling;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One observation of a running job: its consumer lag on its inputs, its parallelism and, when the
 * engine reports it, how busy its busiest instance is.
 *
 * @param at when it was observed
 * @param lag records written to the inputs and not yet committed by the job's consumer group
 * @param parallelism instances the job runs now
 * @param maxBusyRatio the busiest instance's share of time spent processing, 0 to 1; empty when
 *     unknown
 */
public record LoadSample(Instant at, long lag, int parallelism, OptionalDouble maxBusyRatio) {
  public LoadSample {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(maxBusyRatio, "maxBusyRatio");
    if (lag < 0) {
      throw new IllegalArgumentException("lag must not be negative, got " + lag);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
  }

  /** A sample without busy time. */
  public static LoadSample of(Instant at, long lag, int parallelism) {
    return new LoadSample(at, lag, parallelism, OptionalDouble.empty());
  }

  /** A sample with the busiest instance's busy ratio. */
  public static LoadSample of(Instant at, long lag, int parallelism, double maxBusyRatio) {
    return new LoadSample(at, lag, parallelism, OptionalDouble.of(maxBusyRatio));
  }
}
