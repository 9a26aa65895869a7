package io.freshet.core.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The autoscaler's memory between samples: since when the job has been behind, since when it has
 * been calm, and when it was last rescaled; each sample is judged against the {@link ScalingPolicy}
 * with it. Not thread-safe: one loop feeds it, samples in time order.
 *
 * <p>Either clock restarts whenever a sample breaks its condition (one sample under the threshold
 * stops the way up, one spike stops the way down), and both restart after a rescale: during the
 * cooldown the lag says little, as the restarted job commits offsets only on its next checkpoints.
 */
public final class ScalingEvaluator {
  private final ScalingPolicy policy;
  private Instant behindSince;
  private Instant calmSince;
  private Instant lastRescale;

  public ScalingEvaluator(ScalingPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The policy it judges by. */
  public ScalingPolicy policy() {
    return policy;
  }

  /**
   * The decision for {@code sample}. A rescale decision starts the cooldown at the sample's time,
   * as if applied at once; {@link #rescaled} moves the start to when it took effect.
   */
  public ScalingDecision decide(LoadSample sample) {
    Objects.requireNonNull(sample, "sample");
    int p = sample.parallelism();
    if (lastRescale != null) {
      Duration since = Duration.between(lastRescale, sample.at());
      if (since.compareTo(policy.cooldown()) < 0) {
        resetClocks();
        return ScalingDecision.hold(
            p,
            "cooldown: rescaled "
                + seconds(since)
                + " ago, judging again after "
                + seconds(policy.cooldown()));
      }
    }
    if (p < policy.minParallelism()) {
      return rescale(sample, policy.minParallelism(), "below the minimum parallelism");
    }
    if (p > policy.maxParallelism()) {
      return rescale(sample, policy.maxParallelism(), "above the maximum parallelism");
    }
    String perTaskManager =
        String.format(
            Locale.ROOT, "lag per TaskManager %,.0f", policy.lagPerTaskManager(sample.lag(), p));
    if (policy.behind(sample.lag(), p)) {
      calmSince = null;
      if (behindSince == null) {
        behindSince = sample.at();
      }
      Duration behind = Duration.between(behindSince, sample.at());
      String state =
          perTaskManager
              + " > "
              + String.format(Locale.ROOT, "%,d", policy.lagThreshold())
              + " for "
              + seconds(behind);
      if (behind.compareTo(policy.upAfter()) < 0) {
        return ScalingDecision.hold(p, state + " of " + seconds(policy.upAfter()));
      }
      if (p >= policy.maxParallelism()) {
        return ScalingDecision.hold(
            p, state + ", but already at the maximum parallelism " + policy.maxParallelism());
      }
      return rescale(sample, policy.scaleUpTarget(sample.lag(), p), state);
    }
    behindSince = null;
    if (!policy.calm(sample.lag(), p, sample.maxBusyRatio())) {
      calmSince = null;
      return ScalingDecision.hold(
          p,
          perTaskManager
              + " within "
              + String.format(Locale.ROOT, "%,d", policy.lagThreshold())
              + busy(sample)
              + ", not calm enough to scale down");
    }
    if (calmSince == null) {
      calmSince = sample.at();
    }
    Duration calm = Duration.between(calmSince, sample.at());
    String state = "calm for " + seconds(calm) + " (" + perTaskManager + busy(sample) + ")";
    if (calm.compareTo(policy.downAfter()) < 0) {
      return ScalingDecision.hold(p, state + " of " + seconds(policy.downAfter()));
    }
    if (p <= policy.minParallelism()) {
      return ScalingDecision.hold(
          p, state + ", already at the minimum parallelism " + policy.minParallelism());
    }
    return rescale(sample, p - 1, state);
  }

  /** Restarts the cooldown at {@code at}, when the rescale decided last took effect. */
  public void rescaled(Instant at) {
    lastRescale = Objects.requireNonNull(at, "at");
    resetClocks();
  }

  /** When the job was last rescaled, if it was. */
  public Optional<Instant> lastRescale() {
    return Optional.ofNullable(lastRescale);
  }

  private ScalingDecision rescale(LoadSample sample, int target, String why) {
    rescaled(sample.at());
    return new ScalingDecision(
        sample.parallelism(),
        target,
        why + ": " + (target > sample.parallelism() ? "up" : "down") + " to " + target);
  }

  private void resetClocks() {
    behindSince = null;
    calmSince = null;
  }

  private static String busy(LoadSample sample) {
    return sample.maxBusyRatio().isPresent()
        ? String.format(Locale.ROOT, ", busiest %.0f %%", sample.maxBusyRatio().getAsDouble() * 100)
        : "";
  }

  private static String seconds(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
  }
}
