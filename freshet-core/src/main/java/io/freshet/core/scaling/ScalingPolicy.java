package io.freshet.core.scaling;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * When a job is rescaled on its consumer lag: up when the lag per TaskManager stays above the
 * threshold for {@code upAfter}, by enough instances to bring it under (at most {@code maxStep} at
 * a time), and down by one instance after {@code downAfter} of calm, always within the bounds and
 * never within {@code cooldown} of the previous rescale.
 *
 * <p>"Per TaskManager" is the lag divided by the TaskManagers the job's instances fill, {@code
 * ceil(parallelism / slotsPerTaskManager)}: in the local cluster one TaskManager holds two slots,
 * so a job at parallelism 3 or 4 occupies two TaskManagers. Scaling up therefore adds whole
 * TaskManagers' worth of instances when the step allows.
 *
 * @param lagThreshold records of lag per TaskManager above which the job is behind
 * @param slotsPerTaskManager parallel instances one TaskManager holds
 * @param upAfter how long the lag must stay above the threshold before scaling up
 * @param downAfter how long the job must stay calm before scaling down
 * @param maxStep most instances added in one rescale
 * @param minParallelism fewest instances
 * @param maxParallelism most instances: the input's partitions, as more would read nothing
 * @param cooldown time after a rescale in which the lag is not judged (the job restores its state,
 *     catches up and commits offsets again)
 */
public record ScalingPolicy(
    long lagThreshold,
    int slotsPerTaskManager,
    Duration upAfter,
    Duration downAfter,
    int maxStep,
    int minParallelism,
    int maxParallelism,
    Duration cooldown) {

  /** The seed's threshold: 10,000 records of lag per TaskManager. */
  public static final long DEFAULT_LAG_THRESHOLD = 10_000;

  /** As many slots as a TaskManager of {@code freshet cluster up} has. */
  public static final int DEFAULT_SLOTS_PER_TASK_MANAGER = 2;

  public static final Duration DEFAULT_UP_AFTER = Duration.ofMinutes(2);
  public static final Duration DEFAULT_DOWN_AFTER = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_STEP = 4;

  /**
   * Long enough for a restarted job to restore its state and report offsets again: Flink commits
   * the group's offsets on checkpoints only, so lag read right after a restart still counts records
   * the new instances are already working through.
   */
  public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(2);

  /**
   * Calm means the lag per TaskManager is below a tenth of the threshold: well under, so a job
   * scaled down does not climb straight back above it.
   */
  public static final int CALM_DIVISOR = 10;

  /** Calm also means no instance is busy half of the time or more, when busy time is known. */
  public static final double CALM_BUSY_RATIO = 0.5;

  public ScalingPolicy {
    Objects.requireNonNull(upAfter, "upAfter");
    Objects.requireNonNull(downAfter, "downAfter");
    Objects.requireNonNull(cooldown, "cooldown");
    if (lagThreshold < 1) {
      throw new IllegalArgumentException("lag threshold must be at least 1, got " + lagThreshold);
    }
    if (slotsPerTaskManager < 1) {
      throw new IllegalArgumentException(
          "slots per TaskManager must be at least 1, got " + slotsPerTaskManager);
    }
    if (upAfter.isNegative() || downAfter.isNegative() || cooldown.isNegative()) {
      throw new IllegalArgumentException("up-after, down-after and cooldown must not be negative");
    }
    if (maxStep < 1) {
      throw new IllegalArgumentException("max step must be at least 1, got " + maxStep);
    }
    if (minParallelism < 1) {
      throw new IllegalArgumentException(
          "min parallelism must be at least 1, got " + minParallelism);
    }
    if (maxParallelism < minParallelism) {
      throw new IllegalArgumentException(
          "max parallelism ("
              + maxParallelism
              + ") must be at least the min parallelism ("
              + minParallelism
              + ")");
    }
  }

  /** The seed's policy for a job whose input has {@code maxParallelism} partitions. */
  public static ScalingPolicy defaults(int maxParallelism) {
    return new ScalingPolicy(
        DEFAULT_LAG_THRESHOLD,
        DEFAULT_SLOTS_PER_TASK_MANAGER,
        DEFAULT_UP_AFTER,
        DEFAULT_DOWN_AFTER,
        DEFAULT_MAX_STEP,
        1,
        maxParallelism,
        DEFAULT_COOLDOWN);
  }

  /** The TaskManagers {@code parallelism} instances fill. */
  public int taskManagers(int parallelism) {
    return Math.max(1, (parallelism + slotsPerTaskManager - 1) / slotsPerTaskManager);
  }

  /** The lag each TaskManager has to work through at {@code parallelism}. */
  public double lagPerTaskManager(long lag, int parallelism) {
    return (double) lag / taskManagers(parallelism);
  }

  /** Whether the lag per TaskManager is above the threshold. */
  public boolean behind(long lag, int parallelism) {
    return lagPerTaskManager(lag, parallelism) > lagThreshold;
  }

  /** Whether the job is well within the threshold and, when known, mostly idle. */
  public boolean calm(long lag, int parallelism, OptionalDouble maxBusyRatio) {
    return lagPerTaskManager(lag, parallelism) * CALM_DIVISOR < lagThreshold
        && (maxBusyRatio.isEmpty() || maxBusyRatio.getAsDouble() < CALM_BUSY_RATIO);
  }

  /**
   * The parallelism that brings {@code lag} per TaskManager to the threshold or under (whole
   * TaskManagers' worth of instances), at most {@code maxStep} above {@code parallelism} and at
   * most {@code maxParallelism}.
   */
  public int scaleUpTarget(long lag, int parallelism) {
    long neededTaskManagers = (lag + lagThreshold - 1) / lagThreshold;
    long needed = neededTaskManagers * slotsPerTaskManager;
    long capped = Math.min(needed, Math.min((long) parallelism + maxStep, maxParallelism));
    return (int) Math.max(capped, parallelism);
  }

  /** The same policy with another maximum parallelism. */
  public ScalingPolicy withMaxParallelism(int max) {
    return new ScalingPolicy(
        lagThreshold,
        slotsPerTaskManager,
        upAfter,
        downAfter,
        maxStep,
        minParallelism,
        max,
        cooldown);
  }
}
