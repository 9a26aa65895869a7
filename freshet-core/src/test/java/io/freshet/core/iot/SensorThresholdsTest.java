package io.freshet.core.iot;

import static io.freshet.core.iot.SensorEvents.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.core.iot.ThresholdBreach.Bound;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensorThresholdsTest {
  final SensorThresholds defaults = SensorThresholds.defaults();

  @Test
  void defaultsAreUpperLimitsPerSensorType() {
    assertThat(defaults.limit(SensorType.TEMPERATURE)).isEqualTo(SensorLimit.atMost(90.0));
    assertThat(defaults.limit(SensorType.PRESSURE)).isEqualTo(SensorLimit.atMost(10.0));
    assertThat(defaults.limit(SensorType.VIBRATION)).isEqualTo(SensorLimit.atMost(20.0));
    assertThat(defaults.limit(SensorType.HUMIDITY)).isEqualTo(SensorLimit.atMost(95.0));
    assertThat(defaults.limit(SensorType.POWER)).isEqualTo(SensorLimit.atMost(500.0));
  }

  @Test
  void aReadingExactlyOnTheLimitIsNotABreach() {
    // Given a temperature of exactly 90 °C / When checked / Then no breach
    assertThat(defaults.breach(reading(SensorType.TEMPERATURE, 90.0))).isEmpty();
  }

  @Test
  void aReadingAboveTheLimitNamesTheCrossedLimit() {
    // Given a temperature just above 90 °C
    double value = Math.nextUp(90.0);

    // When checked / Then the upper limit 90 is reported with the value
    assertThat(defaults.breach(reading(SensorType.TEMPERATURE, value)))
        .contains(new ThresholdBreach(SensorType.TEMPERATURE, Bound.ABOVE_MAX, 90.0, value));
  }

  @Test
  void eachTypeIsJudgedByItsOwnLimit() {
    // Given 25 on every sensor type / When checked / Then only vibration (limit 20) breaches
    assertThat(defaults.breach(reading(SensorType.VIBRATION, 25.0)))
        .contains(new ThresholdBreach(SensorType.VIBRATION, Bound.ABOVE_MAX, 20.0, 25.0));
    assertThat(defaults.breach(reading(SensorType.PRESSURE, 25.0)))
        .contains(new ThresholdBreach(SensorType.PRESSURE, Bound.ABOVE_MAX, 10.0, 25.0));
    assertThat(defaults.breach(reading(SensorType.TEMPERATURE, 25.0))).isEmpty();
    assertThat(defaults.breach(reading(SensorType.HUMIDITY, 25.0))).isEmpty();
    assertThat(defaults.breach(reading(SensorType.POWER, 25.0))).isEmpty();
  }

  @Test
  void aConfiguredLowerLimitIsReportedBelowTheMinimum() {
    // Given pressure configured to stay within [1, 8] bar
    SensorThresholds thresholds = defaults.with(SensorType.PRESSURE, new SensorLimit(1.0, 8.0));

    // When 0.5, 1.0, 8.0 and 8.5 bar are checked / Then only the outside values breach
    assertThat(thresholds.breach(reading(SensorType.PRESSURE, 0.5)))
        .contains(new ThresholdBreach(SensorType.PRESSURE, Bound.BELOW_MIN, 1.0, 0.5));
    assertThat(thresholds.breach(reading(SensorType.PRESSURE, 1.0))).isEmpty();
    assertThat(thresholds.breach(reading(SensorType.PRESSURE, 8.0))).isEmpty();
    assertThat(thresholds.breach(reading(SensorType.PRESSURE, 8.5)))
        .contains(new ThresholdBreach(SensorType.PRESSURE, Bound.ABOVE_MAX, 8.0, 8.5));
    // And the defaults themselves are unchanged
    assertThat(defaults.limit(SensorType.PRESSURE)).isEqualTo(SensorLimit.atMost(10.0));
  }

  @Test
  void aTypeWithoutALimitNeverBreaches() {
    // Given thresholds for temperature only / When a huge power reading is checked / Then none
    SensorThresholds temperatureOnly =
        new SensorThresholds(Map.of(SensorType.TEMPERATURE, SensorLimit.atMost(90.0)));
    assertThat(temperatureOnly.limit(SensorType.POWER)).isEqualTo(SensorLimit.unbounded());
    assertThat(temperatureOnly.breach(reading(SensorType.POWER, 1e12))).isEmpty();
  }

  @Test
  void anInvertedLimitIsRejected() {
    assertThatThrownBy(() -> new SensorLimit(5.0, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need min <= max, got [5.0, 1.0]");
  }
}
