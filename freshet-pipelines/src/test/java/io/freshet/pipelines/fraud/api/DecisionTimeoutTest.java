package io.freshet.pipelines.fraud.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecisionTimeoutTest {
  @Test
  void absentMeansTheDefaultOf100Milliseconds() {
    assertThat(DecisionTimeout.parse(null)).isEqualTo(Duration.ofMillis(100));
    assertThat(DecisionTimeout.parse("")).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void plainNumbersAreMillisecondsAndDurationsAreAccepted() {
    assertThat(DecisionTimeout.parse("250")).isEqualTo(Duration.ofMillis(250));
    assertThat(DecisionTimeout.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DecisionTimeout.parse("10s")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void zeroMoreThanTenSecondsAndNonsenseAreRefused() {
    assertThatThrownBy(() -> DecisionTimeout.parse("0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 10s");
    assertThatThrownBy(() -> DecisionTimeout.parse("11s"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DecisionTimeout.parse("soon"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DecisionTimeout.parse("99999999999999999999"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
