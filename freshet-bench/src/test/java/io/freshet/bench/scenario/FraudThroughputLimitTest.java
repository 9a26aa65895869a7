package io.freshet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FraudThroughputLimitTest {
  @Test
  void aCatchUpMayTakeAnHourOrWhatItNeedsAboveAThousandEventsASecond() {
    assertThat(FraudThroughputScenario.limitFor(2_000_000)).isEqualTo(Duration.ofHours(1));
    // The full shape: a million customers with 20 transactions each
    assertThat(FraudThroughputScenario.limitFor(20_000_000)).isEqualTo(Duration.ofSeconds(20_000));
  }
}
