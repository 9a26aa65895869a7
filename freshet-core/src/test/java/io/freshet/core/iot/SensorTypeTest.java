package io.freshet.core.iot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensorTypeTest {

  @Test
  void everyTypeIsParsedFromItsLowercaseName() {
    // Given the five wire names / When parsed / Then each maps to its type
    assertThat(SensorType.fromWireName("temperature")).contains(SensorType.TEMPERATURE);
    assertThat(SensorType.fromWireName("pressure")).contains(SensorType.PRESSURE);
    assertThat(SensorType.fromWireName("vibration")).contains(SensorType.VIBRATION);
    assertThat(SensorType.fromWireName("humidity")).contains(SensorType.HUMIDITY);
    assertThat(SensorType.fromWireName("power")).contains(SensorType.POWER);
  }

  @Test
  void otherSpellingsAndUnknownNamesAreNotParsed() {
    // Given names that are not exact wire names / When parsed / Then nothing matches
    assertThat(SensorType.fromWireName("TEMPERATURE")).isEmpty();
    assertThat(SensorType.fromWireName("Temperature")).isEmpty();
    assertThat(SensorType.fromWireName(" temperature")).isEmpty();
    assertThat(SensorType.fromWireName("voltage")).isEmpty();
    assertThat(SensorType.fromWireName(null)).isEmpty();
  }

  @Test
  void wireNameIsTheLowercaseName() {
    assertThat(SensorType.VIBRATION.wireName()).isEqualTo("vibration");
  }
}
