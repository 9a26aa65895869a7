package io.freshet.core.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RunningStatsTest {

  @Test
  void textbookExampleHasExactMeanVarianceAndStdDev() {
    // Given the classic population 2, 4, 4, 4, 5, 5, 7, 9
    // When its statistics are accumulated one value at a time
    RunningStats stats = RunningStats.of(2, 4, 4, 4, 5, 5, 7, 9);

    // Then mean 5, M2 32, variance 4 and standard deviation 2, all exact
    assertThat(stats).isEqualTo(new RunningStats(8, 5.0, 32.0, 2.0, 9.0));
    assertThat(stats.variance()).isEqualTo(4.0);
    assertThat(stats.populationStdDev()).isEqualTo(2.0);
  }

  @Test
  void singleValueHasZeroSpread() {
    // Given one reading of 21.5 / When accumulated / Then it is mean, min and max, with no spread
    RunningStats stats = RunningStats.empty().add(21.5);

    assertThat(stats).isEqualTo(new RunningStats(1, 21.5, 0.0, 21.5, 21.5));
    assertThat(stats.populationStdDev()).isEqualTo(0.0);
  }

  @Test
  void emptyStatsFollowDoubleSummaryStatisticsConventions() {
    // Given no values / When inspected / Then count 0, mean and variance 0, min +inf, max -inf
    RunningStats empty = RunningStats.empty();

    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty)
        .isEqualTo(
            new RunningStats(0, 0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    assertThat(empty.variance()).isEqualTo(0.0);
    assertThat(empty.populationStdDev()).isEqualTo(0.0);
  }

  @Test
  void addingDoesNotChangeTheOriginal() {
    // Given statistics of 1 and 3
    RunningStats before = RunningStats.of(1, 3);

    // When another value is added
    RunningStats after = before.add(5);

    // Then the original is untouched and the new one holds all three
    assertThat(before).isEqualTo(new RunningStats(2, 2.0, 2.0, 1.0, 3.0));
    assertThat(after).isEqualTo(new RunningStats(3, 3.0, 8.0, 1.0, 5.0));
  }

  @Test
  void mergingTwoPartialsEqualsAccumulatingTheUnion() {
    // Given the partials of 2, 4, 4 and of 4, 5, 5, 7, 9
    RunningStats left = RunningStats.of(2, 4, 4);
    RunningStats right = RunningStats.of(4, 5, 5, 7, 9);

    // When they are merged with Chan's formula
    RunningStats merged = left.merge(right);

    // Then it equals the one-pass statistics of the union, exactly
    assertThat(merged).isEqualTo(RunningStats.of(2, 4, 4, 4, 5, 5, 7, 9));
    assertThat(merged).isEqualTo(new RunningStats(8, 5.0, 32.0, 2.0, 9.0));
  }

  @Test
  void mergingInEitherOrderGivesTheUnionsStatistics() {
    // Given the partials of 1, 3 (mean 2, M2 2) and of 5, 7, 9, 11 (mean 8, M2 20)
    RunningStats a = RunningStats.of(1, 3);
    RunningStats b = RunningStats.of(5, 7, 9, 11);

    // When merged in both orders
    RunningStats ab = a.merge(b);
    RunningStats ba = b.merge(a);

    // Then both hold the union's count 6, mean 6, M2 70 (25+9+1+1+9+25), min 1 and max 11;
    // the weights 4/6 and 2/6 are not binary fractions, so mean and M2 may be off in the last bit
    for (RunningStats merged : new RunningStats[] {ab, ba}) {
      assertThat(merged.count()).isEqualTo(6);
      assertThat(merged.mean()).isCloseTo(6.0, within(1e-14));
      assertThat(merged.m2()).isCloseTo(70.0, within(1e-12));
      assertThat(merged.min()).isEqualTo(1.0);
      assertThat(merged.max()).isEqualTo(11.0);
    }
  }

  @Test
  void mergingWithEmptyOnEitherSideIsTheIdentity() {
    // Given some statistics and the empty ones
    RunningStats stats = RunningStats.of(3, 7, 8);

    // When merged with empty on either side / Then the very same statistics come back
    assertThat(stats.merge(RunningStats.empty())).isSameAs(stats);
    assertThat(RunningStats.empty().merge(stats)).isSameAs(stats);
    assertThat(RunningStats.empty().merge(RunningStats.empty())).isEqualTo(RunningStats.empty());
  }

  @Test
  void valuesAroundOneMillionKeepTheirSmallSpreadWhereTheNaiveFormulaLosesIt() {
    // Given 1200 readings 1e6 - 0.01, 1e6, 1e6 + 0.01 repeated (12 panes of 100 readings)
    double[] values = new double[1200];
    for (int k = 0; k < values.length; k++) {
      values[k] = 1e6 + 0.01 * ((k % 3) - 1);
    }
    double exact = exactPopulationStdDev(values);

    // When accumulated with Welford's update and, separately, as 12 merged partials
    RunningStats oneByOne = RunningStats.of(values);
    RunningStats merged = RunningStats.empty();
    for (int pane = 0; pane < 12; pane++) {
      merged =
          merged.merge(RunningStats.of(Arrays.copyOfRange(values, pane * 100, pane * 100 + 100)));
    }

    // Then both match the exact standard deviation (about 0.008165) to 1e-9 relative
    assertThat(exact).isCloseTo(0.01 * Math.sqrt(2.0 / 3.0), within(1e-11));
    assertThat(oneByOne.populationStdDev()).isCloseTo(exact, within(exact * 1e-9));
    assertThat(merged.populationStdDev()).isCloseTo(exact, within(exact * 1e-9));
    assertThat(oneByOne.mean()).isCloseTo(1e6, within(1e-9));

    // And the naive Σx²/n − mean² cancels every digit of the spread: it reports no spread at all
    double sum = 0;
    double sumOfSquares = 0;
    for (double value : values) {
      sum += value;
      sumOfSquares += value * value;
    }
    double naiveVariance =
        sumOfSquares / values.length - (sum / values.length) * (sum / values.length);
    double naiveStdDev = Math.sqrt(Math.max(naiveVariance, 0.0));
    assertThat(naiveStdDev).isEqualTo(0.0);
    assertThat(Math.abs(naiveStdDev - exact) / exact).isEqualTo(1.0);
  }

  @Test
  void nonFiniteValuesAreRejected() {
    // Given statistics / When NaN or an infinity is added / Then it is refused
    RunningStats stats = RunningStats.of(1.0);
    assertThatThrownBy(() -> stats.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stats.add(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inconsistentComponentsAreRejected() {
    // Given component sets no sequence of values can produce / When constructed / Then refused
    assertThatThrownBy(() -> new RunningStats(-1, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RunningStats(2, 1.0, -0.5, 0, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RunningStats(2, 1.0, 2.0, 3, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RunningStats(0, 1.0, 0, Double.POSITIVE_INFINITY, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The population standard deviation of the exact binary values, in 50-digit decimal. */
  static double exactPopulationStdDev(double[] values) {
    MathContext mc = new MathContext(50);
    BigDecimal sum = BigDecimal.ZERO;
    for (double value : values) {
      sum = sum.add(new BigDecimal(value));
    }
    BigDecimal mean = sum.divide(BigDecimal.valueOf(values.length), mc);
    BigDecimal m2 = BigDecimal.ZERO;
    for (double value : values) {
      BigDecimal deviation = new BigDecimal(value).subtract(mean);
      m2 = m2.add(deviation.multiply(deviation));
    }
    return m2.divide(BigDecimal.valueOf(values.length), mc).sqrt(mc).doubleValue();
  }
}
