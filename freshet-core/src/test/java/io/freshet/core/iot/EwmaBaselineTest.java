package io.freshet.core.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class EwmaBaselineTest {
  static final AnomalyConfig DEFAULTS = AnomalyConfig.defaults();
  static final AnomalyConfig HALF_LIFE_ONE = new AnomalyConfig(1.0, 3, 3.0, 1e-6);
  static final AnomalyConfig HALF_LIFE_TWO = new AnomalyConfig(2.0, 3, 3.0, 1e-6);

  @Test
  void scoresNothingUntilTwelveMeansWereAbsorbed() {
    // Given a new device's baseline under the default warm-up of 12 windows
    EwmaBaseline baseline = EwmaBaseline.empty(DEFAULTS);

    // When 11 means are absorbed / Then the 12th window is still not scored
    for (int window = 1; window <= 11; window++) {
      baseline = baseline.update(window % 2 == 0 ? 20.0 : 22.0);
    }
    assertThat(baseline.windows()).isEqualTo(11);
    assertThat(baseline.isWarm()).isFalse();
    assertThat(baseline.score(1_000.0)).isEmpty();

    // When the 12th mean is absorbed / Then the 13th window is scored
    baseline = baseline.update(20.0);
    assertThat(baseline.isWarm()).isTrue();
    assertThat(baseline.score(1_000.0)).isPresent();
  }

  @Test
  void halfLifeOfOneWindowUpdatesExactly() {
    // Given half-life 1 window, so α = 0.5 exactly
    EwmaBaseline baseline = EwmaBaseline.empty(HALF_LIFE_ONE);

    // When the means 10, 14, 8 are absorbed
    EwmaBaseline first = baseline.update(10.0);
    EwmaBaseline second = first.update(14.0);
    EwmaBaseline third = second.update(8.0);

    // Then the first starts the baseline at (10, 0);
    // 14: d = 4, mean = 10 + 0.5·4 = 12, var = 0.5·(0 + 0.5·16) = 4;
    // 8: d = −4, mean = 12 − 2 = 10, var = 0.5·(4 + 0.5·16) = 6
    assertThat(first).isEqualTo(new EwmaBaseline(HALF_LIFE_ONE, 10.0, 0.0, 1));
    assertThat(second).isEqualTo(new EwmaBaseline(HALF_LIFE_ONE, 12.0, 4.0, 2));
    assertThat(third).isEqualTo(new EwmaBaseline(HALF_LIFE_ONE, 10.0, 6.0, 3));
  }

  @Test
  void afterOneHalfLifeTheOldLevelWeighsHalf() {
    // Given baselines seeded at level 0, with half-lives of one and of two windows
    EwmaBaseline one = EwmaBaseline.seeded(HALF_LIFE_ONE, 0.0, 0.0);
    EwmaBaseline two = EwmaBaseline.seeded(HALF_LIFE_TWO, 0.0, 0.0);

    // When the signal jumps to 100 for one half-life (1 and 2 windows)
    EwmaBaseline oneAfter = one.update(100.0);
    EwmaBaseline twoAfter = two.update(100.0).update(100.0);

    // Then both baselines are halfway: 50 (exact for α = 0.5, within rounding of 2^(−1/2) else)
    assertThat(oneAfter.mean()).isEqualTo(50.0);
    assertThat(twoAfter.mean()).isCloseTo(50.0, within(1e-12));
    // And after a second half-life the old level weighs a quarter
    assertThat(oneAfter.update(100.0).mean()).isEqualTo(75.0);
  }

  @Test
  void alphaFollowsTheHalfLife() {
    assertThat(HALF_LIFE_ONE.alpha()).isEqualTo(0.5);
    assertThat(Math.pow(1 - HALF_LIFE_TWO.alpha(), 2)).isCloseTo(0.5, within(1e-15));
    assertThat(Math.pow(1 - DEFAULTS.alpha(), 12)).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void zExactlyThreeIsNotAnAnomalyButJustAboveIs() {
    // Given a warm baseline with mean 10 and standard deviation 2
    EwmaBaseline baseline = EwmaBaseline.seeded(DEFAULTS, 10.0, 2.0);

    // When means at exactly ±3σ and just beyond are scored
    double atUpper = baseline.score(16.0).orElseThrow();
    double justAboveUpper = baseline.score(Math.nextUp(16.0)).orElseThrow();
    double atLower = baseline.score(4.0).orElseThrow();
    double beyondLower = baseline.score(3.5).orElseThrow();

    // Then |z| = 3 stays quiet and anything beyond it is an anomaly
    assertThat(atUpper).isEqualTo(3.0);
    assertThat(DEFAULTS.isAnomaly(atUpper)).isFalse();
    assertThat(justAboveUpper).isGreaterThan(3.0);
    assertThat(DEFAULTS.isAnomaly(justAboveUpper)).isTrue();
    assertThat(atLower).isEqualTo(-3.0);
    assertThat(DEFAULTS.isAnomaly(atLower)).isFalse();
    assertThat(beyondLower).isEqualTo(-3.25);
    assertThat(DEFAULTS.isAnomaly(beyondLower)).isTrue();
  }

  @Test
  void aSeededBaselineScoresTheFirstWindow() {
    // Given a device type's equipment baseline: mean 60, standard deviation 4
    EwmaBaseline seeded = EwmaBaseline.seeded(DEFAULTS, 60.0, 4.0);

    // When the device's first 5 s mean of 74 is scored / Then z = 3.5 at once
    assertThat(seeded.isWarm()).isTrue();
    assertThat(seeded.windows()).isEqualTo(12);
    assertThat(seeded.variance()).isEqualTo(16.0);
    assertThat(seeded.score(74.0)).isEqualTo(OptionalDouble.of(3.5));
  }

  @Test
  void aConstantSignalScoresAgainstTheStdDevFloor() {
    // Given a baseline of a perfectly constant signal at 5.0 (standard deviation 0)
    EwmaBaseline constant = EwmaBaseline.seeded(DEFAULTS, 5.0, 0.0);

    // When the same value and a slightly different one are scored
    // Then the same value scores 0 and the change divides by the floor 1e-6 instead of 0
    assertThat(constant.score(5.0)).isEqualTo(OptionalDouble.of(0.0));
    assertThat(constant.score(5.5)).isEqualTo(OptionalDouble.of(0.5 / 1e-6));
  }

  @Test
  void scoringDoesNotChangeTheBaselineAndUpdatingReturnsANewOne() {
    // Given a warm baseline
    EwmaBaseline baseline = EwmaBaseline.seeded(HALF_LIFE_ONE, 10.0, 2.0);

    // When it scores and absorbs an anomalous 30
    baseline.score(30.0);
    EwmaBaseline next = baseline.update(30.0);

    // Then the original is untouched and the new one moved halfway (anomalies are absorbed too)
    assertThat(baseline).isEqualTo(new EwmaBaseline(HALF_LIFE_ONE, 10.0, 4.0, 3));
    assertThat(next).isEqualTo(new EwmaBaseline(HALF_LIFE_ONE, 20.0, 0.5 * (4.0 + 200.0), 4));
  }

  @Test
  void withConfigKeepsTheStatistics() {
    // Given a baseline restored under an old configuration
    EwmaBaseline old = EwmaBaseline.seeded(HALF_LIFE_ONE, 10.0, 2.0);

    // When the current configuration is applied / Then only the configuration changes
    assertThat(old.withConfig(DEFAULTS)).isEqualTo(new EwmaBaseline(DEFAULTS, 10.0, 4.0, 3));
  }

  @Test
  void nonFiniteMeansAndSeedsAreRejected() {
    EwmaBaseline baseline = EwmaBaseline.seeded(DEFAULTS, 10.0, 2.0);
    assertThatThrownBy(() -> baseline.update(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> baseline.score(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EwmaBaseline.seeded(DEFAULTS, 10.0, -1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EwmaBaseline.seeded(DEFAULTS, Double.NaN, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
