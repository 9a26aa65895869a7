package io.freshet.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The seed's policy on a job whose input has 16 partitions: up after 2 min above 10,000 records of
 * lag per TaskManager (two slots each), at most +4, down by one after 10 min of calm, a 2 min
 * cooldown after each rescale.
 */
class ScalingEvaluatorTest {
  private static final Instant NINE_O_CLOCK = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant ONE_MINUTE_59_LATER = NINE_O_CLOCK.plusSeconds(119);
  private static final Instant TWO_MINUTES_LATER = NINE_O_CLOCK.plus(Duration.ofMinutes(2));
  private static final Instant NINE_MINUTES_LATER = NINE_O_CLOCK.plus(Duration.ofMinutes(9));
  private static final Instant TEN_MINUTES_LATER = NINE_O_CLOCK.plus(Duration.ofMinutes(10));

  private static final long HIGH = 50_000;
  private static final long LOW = 500;

  private final ScalingPolicy policy = ScalingPolicy.defaults(16);
  private final ScalingEvaluator evaluator = new ScalingEvaluator(policy);

  /**
   * Samples every 10 s from {@code from}, and one at {@code to}, until a rescale; the last
   * decision.
   */
  private ScalingDecision feed(Instant from, Instant to, long lag, int parallelism) {
    Instant t = from;
    while (true) {
      ScalingDecision decision = evaluator.decide(LoadSample.of(t, lag, parallelism));
      if (decision.rescales() || t.equals(to)) {
        return decision;
      }
      t = t.plusSeconds(10).isAfter(to) ? to : t.plusSeconds(10);
    }
  }

  @Test
  void lagAboveTheThresholdForLessThanTwoMinutesHolds() {
    // Given a job at parallelism 2 (one TaskManager) with 50,000 records of lag since nine
    // When it is still behind at 1 min 59 s
    ScalingDecision decision = feed(NINE_O_CLOCK, ONE_MINUTE_59_LATER, HIGH, 2);

    // Then it holds, saying for how long it has been behind
    assertThat(decision.rescales()).isFalse();
    assertThat(decision.reason())
        .isEqualTo("lag per TaskManager 50,000 > 10,000 for 119 s of 2 min");
  }

  @Test
  void lagAboveTheThresholdForTwoMinutesScalesUpByAtMostFour() {
    // Given the same job, 50,000 records behind: five TaskManagers (ten instances) would be needed
    // When it has been behind for 2 min
    ScalingDecision decision = feed(NINE_O_CLOCK, TWO_MINUTES_LATER, HIGH, 2);

    // Then it scales up by the step's four instances, not the eight it would need
    assertThat(decision.target()).isEqualTo(6);
    assertThat(decision.reason())
        .isEqualTo("lag per TaskManager 50,000 > 10,000 for 2 min: up to 6");
  }

  @Test
  void theScaleUpTargetBringsTheLagPerTaskManagerUnderTheThreshold() {
    // Given a job at 2 instances 25,000 records behind: three TaskManagers' worth would do
    // When behind for 2 min
    ScalingDecision decision = feed(NINE_O_CLOCK, TWO_MINUTES_LATER, 25_000, 2);

    // Then it scales to 6 instances (three TaskManagers, 8,333 records each), within the step
    assertThat(decision.target()).isEqualTo(6);
    assertThat(policy.lagPerTaskManager(25_000, 6)).isLessThan(10_000);

    // and a smaller lag asks for fewer: 15,000 records need two TaskManagers, 4 instances
    assertThat(policy.scaleUpTarget(15_000, 2)).isEqualTo(4);
  }

  @Test
  void theScaleUpStopsAtTheMaximumParallelism() {
    // Given an input of 8 partitions and a job at 6 instances far behind
    ScalingEvaluator eightPartitions = new ScalingEvaluator(policy.withMaxParallelism(8));
    ScalingDecision decision = null;
    for (Instant t = NINE_O_CLOCK; !t.isAfter(TWO_MINUTES_LATER); t = t.plusSeconds(10)) {
      decision = eightPartitions.decide(LoadSample.of(t, 1_000_000, 6));
    }

    // Then it scales to 8, one instance per partition, not 10
    assertThat(decision.target()).isEqualTo(8);

    // and at 8 it holds however far behind, saying why
    ScalingEvaluator atMax = new ScalingEvaluator(policy.withMaxParallelism(8));
    for (Instant t = NINE_O_CLOCK; !t.isAfter(TWO_MINUTES_LATER); t = t.plusSeconds(10)) {
      decision = atMax.decide(LoadSample.of(t, 1_000_000, 8));
    }
    assertThat(decision.rescales()).isFalse();
    assertThat(decision.reason()).endsWith("but already at the maximum parallelism 8");
  }

  @Test
  void oneSampleUnderTheThresholdRestartsTheWayUp() {
    // Given a job behind from nine on
    feed(NINE_O_CLOCK, NINE_O_CLOCK.plusSeconds(90), HIGH, 2);
    // When one sample at 1 min 40 s is under the threshold
    evaluator.decide(LoadSample.of(NINE_O_CLOCK.plusSeconds(100), 5_000, 2));

    // Then at 2 min, behind again for only 10 s, it holds
    ScalingDecision decision = feed(NINE_O_CLOCK.plusSeconds(110), TWO_MINUTES_LATER, HIGH, 2);
    assertThat(decision.rescales()).isFalse();
    assertThat(decision.reason()).contains("for 10 s of 2 min");
  }

  @Test
  void calmForNineMinutesHoldsAndForTenScalesDownByOne() {
    // Given a job at 4 instances, 500 records behind and idle, from nine on
    // When calm for 9 min
    ScalingDecision at9 = feed(NINE_O_CLOCK, NINE_MINUTES_LATER, LOW, 4);

    // Then it holds
    assertThat(at9.rescales()).isFalse();
    assertThat(at9.reason()).isEqualTo("calm for 9 min (lag per TaskManager 250) of 10 min");

    // When calm for 10 min
    ScalingDecision at10 = evaluator.decide(LoadSample.of(TEN_MINUTES_LATER, LOW, 4));

    // Then it steps down by one instance
    assertThat(at10.target()).isEqualTo(3);
    assertThat(at10.reason()).isEqualTo("calm for 10 min (lag per TaskManager 250): down to 3");
  }

  @Test
  void aSpikeInterruptingTheCalmRestartsItsClock() {
    // Given a job calm from nine on for 5 min
    feed(NINE_O_CLOCK, NINE_O_CLOCK.plus(Duration.ofMinutes(5)), LOW, 4);
    // When a spike of 3,000 records per TaskManager (within the threshold, but not calm) comes
    ScalingDecision spike =
        evaluator.decide(LoadSample.of(NINE_O_CLOCK.plus(Duration.ofMinutes(5)), 6_000, 4));
    assertThat(spike.reason())
        .isEqualTo("lag per TaskManager 3,000 within 10,000, not calm enough to scale down");

    // Then at 10 min, calm again for just under 5 min, it holds
    ScalingDecision at10 =
        feed(NINE_O_CLOCK.plus(Duration.ofMinutes(5)).plusSeconds(10), TEN_MINUTES_LATER, LOW, 4);
    assertThat(at10.rescales()).isFalse();
    assertThat(at10.reason()).startsWith("calm for 290 s");
  }

  @Test
  void aBusyJobIsNotCalmEvenWithoutLag() {
    // Given a job with almost no lag whose busiest instance works 80 % of the time
    ScalingDecision decision = null;
    for (Instant t = NINE_O_CLOCK; !t.isAfter(TEN_MINUTES_LATER); t = t.plusSeconds(10)) {
      decision = evaluator.decide(LoadSample.of(t, LOW, 4, 0.8));
    }

    // Then it never scales down: fewer instances would fall behind
    assertThat(decision.rescales()).isFalse();
    assertThat(decision.reason()).contains("busiest 80 %", "not calm enough");

    // while one busy 30 % of the time is calm
    ScalingEvaluator idle = new ScalingEvaluator(policy);
    for (Instant t = NINE_O_CLOCK; !t.isAfter(TEN_MINUTES_LATER); t = t.plusSeconds(10)) {
      decision = idle.decide(LoadSample.of(t, LOW, 4, 0.3));
    }
    assertThat(decision.target()).isEqualTo(3);
  }

  @Test
  void theScaleDownStopsAtTheMinimum() {
    // Given a calm job at the minimum parallelism, 1
    ScalingDecision decision = feed(NINE_O_CLOCK, TEN_MINUTES_LATER, 0, 1);

    // Then it holds at 1
    assertThat(decision.rescales()).isFalse();
    assertThat(decision.reason()).endsWith("already at the minimum parallelism 1");
  }

  @Test
  void noDecisionWithinTheCooldownOfARescale() {
    // Given a job scaled up from 2 to 6 at 2 min
    assertThat(feed(NINE_O_CLOCK, TWO_MINUTES_LATER, HIGH, 2).target()).isEqualTo(6);

    // When it is still far behind 1 min later (the restarted job has not caught up yet)
    ScalingDecision during =
        evaluator.decide(LoadSample.of(TWO_MINUTES_LATER.plusSeconds(60), 200_000, 6));

    // Then it holds for the cooldown
    assertThat(during.rescales()).isFalse();
    assertThat(during.reason())
        .isEqualTo("cooldown: rescaled 1 min ago, judging again after 2 min");

    // and after the cooldown the lag must stay above the threshold for another 2 min
    Instant cooled = TWO_MINUTES_LATER.plus(Duration.ofMinutes(2));
    ScalingDecision justAfter = evaluator.decide(LoadSample.of(cooled, 200_000, 6));
    assertThat(justAfter.rescales()).isFalse();
    ScalingDecision twoMinutesOn = feed(cooled, cooled.plus(Duration.ofMinutes(2)), 200_000, 6);
    assertThat(twoMinutesOn.target()).isEqualTo(10);
  }

  @Test
  void theCooldownRunsFromWhenTheRescaleTookEffect() {
    // Given a rescale decided at 2 min that took 45 s until the job ran again
    feed(NINE_O_CLOCK, TWO_MINUTES_LATER, HIGH, 2);
    evaluator.rescaled(TWO_MINUTES_LATER.plusSeconds(45));

    // When sampled 2 min after the decision
    ScalingDecision decision =
        evaluator.decide(LoadSample.of(TWO_MINUTES_LATER.plus(Duration.ofMinutes(2)), LOW, 6));

    // Then it is still cooling down: 75 s since the job ran again
    assertThat(decision.reason()).startsWith("cooldown: rescaled 75 s ago");
  }

  @Test
  void aJobOutsideTheBoundsIsBroughtInside() {
    // Given a job at 20 instances on an input of 16 partitions, and one below a minimum of 2
    ScalingDecision tooWide = evaluator.decide(LoadSample.of(NINE_O_CLOCK, LOW, 20));
    ScalingPolicy atLeastTwo =
        new ScalingPolicy(
            10_000, 2, Duration.ofMinutes(2), Duration.ofMinutes(10), 4, 2, 16, Duration.ZERO);
    ScalingDecision tooNarrow =
        new ScalingEvaluator(atLeastTwo).decide(LoadSample.of(NINE_O_CLOCK, LOW, 1));

    // Then each is rescaled into the bounds at once
    assertThat(tooWide.target()).isEqualTo(16);
    assertThat(tooWide.reason()).isEqualTo("above the maximum parallelism: down to 16");
    assertThat(tooNarrow.target()).isEqualTo(2);
  }

  @Test
  void lagPerTaskManagerCountsTheTaskManagersTheInstancesFill() {
    // Given two slots per TaskManager
    // Then 1 and 2 instances fill one TaskManager, 3 and 4 fill two
    assertThat(policy.taskManagers(1)).isEqualTo(1);
    assertThat(policy.taskManagers(2)).isEqualTo(1);
    assertThat(policy.taskManagers(3)).isEqualTo(2);
    assertThat(policy.lagPerTaskManager(30_000, 4)).isEqualTo(15_000);
    // and with one slot per TaskManager it is the lag per instance
    ScalingPolicy oneSlot =
        new ScalingPolicy(
            10_000, 1, Duration.ofMinutes(2), Duration.ofMinutes(10), 4, 1, 16, Duration.ZERO);
    assertThat(oneSlot.lagPerTaskManager(30_000, 4)).isEqualTo(7_500);
  }

  @Test
  void aPolicyRefusesBoundsThatCannotHold() {
    assertThatThrownBy(
            () ->
                new ScalingPolicy(
                    10_000,
                    2,
                    Duration.ofMinutes(2),
                    Duration.ofMinutes(10),
                    4,
                    4,
                    2,
                    Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max parallelism (2) must be at least the min parallelism (4)");
    assertThatThrownBy(() -> ScalingPolicy.defaults(4).withMaxParallelism(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadSample.of(NINE_O_CLOCK, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
