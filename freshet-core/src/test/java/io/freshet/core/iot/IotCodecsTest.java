package io.freshet.core.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.core.time.Timestamps;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IotCodecsTest {
  static final long START = Timestamps.parse("2026-11-26T12:00:00.000Z");
  static final long END = START + 5_000;

  @Test
  void statsRoundTripAndHaveTheDocumentedText() {
    SensorStats5s stats =
        new SensorStats5s("d-1", SensorType.TEMPERATURE, START, END, 4, 21.5, 1.0E-5, 23.0, 1);
    SensorStats5sCodec codec = new SensorStats5sCodec();

    assertThat(codec.decode(codec.encode(stats))).isEqualTo(stats);
    assertThat(text(codec.encode(stats)))
        .isEqualTo(
            "{\"device_id\":\"d-1\",\"sensor_type\":\"temperature\","
                + "\"window_start\":\"2026-11-26T12:00:00.000Z\","
                + "\"window_end\":\"2026-11-26T12:00:05.000Z\","
                + "\"count\":4,\"mean\":21.5,\"min\":1.0E-5,\"max\":23.0,\"revision\":1}");
  }

  @Test
  void stddevRoundTripsAndHasTheDocumentedText() {
    SensorStddev1m stddev =
        new SensorStddev1m("d-2", SensorType.PRESSURE, START, START + 60_000, 12, 1.0, 0.25, 0);
    SensorStddev1mCodec codec = new SensorStddev1mCodec();

    assertThat(codec.decode(codec.encode(stddev))).isEqualTo(stddev);
    assertThat(text(codec.encode(stddev)))
        .isEqualTo(
            "{\"device_id\":\"d-2\",\"sensor_type\":\"pressure\","
                + "\"window_start\":\"2026-11-26T12:00:00.000Z\","
                + "\"window_end\":\"2026-11-26T12:01:00.000Z\","
                + "\"count\":12,\"mean\":1.0,\"stddev\":0.25,\"revision\":0}");
  }

  @Test
  void anomalyRoundTripsAndHasTheDocumentedText() {
    SensorAnomaly anomaly =
        new SensorAnomaly("d-9", SensorType.POWER, START, END, 80.0, 50.0, 7.5, 4.0);
    SensorAnomalyCodec codec = new SensorAnomalyCodec();

    assertThat(codec.decode(codec.encode(anomaly))).isEqualTo(anomaly);
    assertThat(text(codec.encode(anomaly)))
        .isEqualTo(
            "{\"device_id\":\"d-9\",\"sensor_type\":\"power\","
                + "\"window_start\":\"2026-11-26T12:00:00.000Z\","
                + "\"window_end\":\"2026-11-26T12:00:05.000Z\","
                + "\"value\":80.0,\"baseline_mean\":50.0,\"baseline_stddev\":7.5,\"z\":4.0}");
  }

  @Test
  void alertRoundTripsAndHasTheDocumentedText() {
    SensorAlert alert =
        new SensorAlert(
            "d-3",
            SensorType.VIBRATION,
            "evt-7",
            START + 1_250,
            12.75,
            10.0,
            ThresholdBreach.Bound.ABOVE_MAX,
            START + 1_300);
    SensorAlertCodec codec = new SensorAlertCodec();

    assertThat(codec.decode(codec.encode(alert))).isEqualTo(alert);
    assertThat(text(codec.encode(alert)))
        .isEqualTo(
            "{\"device_id\":\"d-3\",\"sensor_type\":\"vibration\",\"event_id\":\"evt-7\","
                + "\"event_time\":\"2026-11-26T12:00:01.250Z\",\"value\":12.75,\"limit\":10.0,"
                + "\"bound\":\"ABOVE_MAX\",\"detected_at\":\"2026-11-26T12:00:01.300Z\"}");
  }

  @Test
  void baselineRoundTripsAndHasTheDocumentedText() {
    EquipmentBaseline baseline = new EquipmentBaseline(SensorType.HUMIDITY, 45.5, 2.0);
    EquipmentBaselineCodec codec = new EquipmentBaselineCodec();

    assertThat(codec.decode(codec.encode(baseline))).isEqualTo(baseline);
    assertThat(text(codec.encode(baseline)))
        .isEqualTo("{\"sensor_type\":\"humidity\",\"mean\":45.5,\"stddev\":2.0}");
  }

  @Test
  void baselineDecoderNamesWhatIsWrong() {
    EquipmentBaselineCodec codec = new EquipmentBaselineCodec();

    assertThatThrownBy(() -> codec.decode(bytes("{\"sensor_type\":\"smell\",\"mean\":1}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown sensor_type 'smell'");
    assertThatThrownBy(
            () -> codec.decode(bytes("{\"sensor_type\":\"power\",\"mean\":1,\"stddev\":-1}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stddev >= 0");
    assertThatThrownBy(() -> codec.decode(bytes("not json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("equipment baseline is not valid JSON");
  }

  @Test
  void decodersRejectAnUnknownSensorType() {
    assertThatThrownBy(
            () ->
                new SensorStats5sCodec()
                    .decode(
                        bytes(
                            "{\"device_id\":\"d-1\",\"sensor_type\":\"smell\","
                                + "\"window_start\":\"2026-11-26T12:00:00.000Z\","
                                + "\"window_end\":\"2026-11-26T12:00:05.000Z\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown sensor_type 'smell'");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
