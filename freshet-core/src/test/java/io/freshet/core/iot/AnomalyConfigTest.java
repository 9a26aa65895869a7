package io.freshet.core.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnomalyConfigTest {

  @Test
  void defaultsAreTheDocumentedValues() {
    assertThat(AnomalyConfig.defaults()).isEqualTo(new AnomalyConfig(12.0, 12, 3.0, 1e-6));
  }

  @Test
  void anomalyNeedsAbsoluteZStrictlyAboveTheThreshold() {
    // Given threshold 2.5 / When z values around it are judged / Then only |z| > 2.5 counts
    AnomalyConfig config = new AnomalyConfig(12.0, 12, 2.5, 1e-6);
    assertThat(config.isAnomaly(2.5)).isFalse();
    assertThat(config.isAnomaly(-2.5)).isFalse();
    assertThat(config.isAnomaly(2.5000001)).isTrue();
    assertThat(config.isAnomaly(-2.5000001)).isTrue();
    assertThat(config.isAnomaly(0.0)).isFalse();
  }

  @Test
  void invalidValuesAreRejected() {
    assertThatThrownBy(() -> new AnomalyConfig(0.0, 12, 3.0, 1e-6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("halfLifeWindows must be finite and > 0, was 0.0");
    assertThatThrownBy(() -> new AnomalyConfig(12.0, 0, 3.0, 1e-6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("warmUpWindows must be >= 1, was 0");
    assertThatThrownBy(() -> new AnomalyConfig(12.0, 12, Double.NaN, 1e-6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("zThreshold must be finite and > 0, was NaN");
    assertThatThrownBy(() -> new AnomalyConfig(12.0, 12, 3.0, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minStdDev must be finite and > 0, was 0.0");
  }
}
