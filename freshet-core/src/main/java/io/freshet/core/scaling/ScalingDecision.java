package io.freshet.core.scaling;

import java.util.Objects;

/**
 * What to do with a job after a sample: keep its parallelism, or rescale it, and why in one line.
 *
 * @param parallelism the job's parallelism when sampled
 * @param target the parallelism to run at; equal to {@code parallelism} for a hold
 * @param reason why, for an operator reading the autoscaler's output
 */
public record ScalingDecision(int parallelism, int target, String reason) {
  public ScalingDecision {
    Objects.requireNonNull(reason, "reason");
  }

  /** Keep the parallelism. */
  public static ScalingDecision hold(int parallelism, String reason) {
    return new ScalingDecision(parallelism, parallelism, reason);
  }

  /** Whether the job is to be rescaled. */
  public boolean rescales() {
    return target != parallelism;
  }
}
