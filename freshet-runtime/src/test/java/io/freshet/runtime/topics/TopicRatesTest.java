package io.freshet.runtime.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Topic rates from two samples of the end offsets, on a clock the test moves. */
class TopicRatesTest {
  @Test
  void ratesComeFromTheGrowthOfEndOffsetsSinceThePreviousSampleAtLeastOneSecondEarlier() {
    // Given a clock the test moves
    long[] now = {0};
    TopicRates rates = new TopicRates(() -> now[0]);
    // When first sampled there is no rate yet
    assertThat(rates.sample(Map.of("a", 100L, "b", 50L)))
        .isEqualTo(new TopicRates.Rates(Map.of(), OptionalLong.empty()));
    // When sampled again 2 s later, a grew by 30 and b by nothing
    now[0] = 2_000_000_000L;
    TopicRates.Rates second = rates.sample(Map.of("a", 130L, "b", 50L, "c", 5L));
    // Then a's rate is 15/s, b's 0, and the new topic c has none
    assertThat(second)
        .isEqualTo(new TopicRates.Rates(Map.of("a", 15.0, "b", 0.0), OptionalLong.of(2000)));
    // When sampled within a second the previous rates stand
    now[0] = 2_500_000_000L;
    assertThat(rates.sample(Map.of("a", 1000L, "b", 50L, "c", 5L))).isEqualTo(second);
    // When a topic's offsets went down (recreated) it has no rate
    now[0] = 4_000_000_000L;
    assertThat(rates.sample(Map.of("a", 10L, "b", 53L, "c", 5L)))
        .isEqualTo(new TopicRates.Rates(Map.of("b", 1.5, "c", 0.0), OptionalLong.of(2000)));
  }
}
