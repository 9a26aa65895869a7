package io.freshet.core.late;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.core.time.Timestamps;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LateEventCodecTest {
  static final long NOON = Timestamps.parse("2026-11-26T12:00:00.000Z");

  @Test
  void roundTripsAndHasTheDocumentedText() {
    LateEvent event =
        new LateEvent(
            "iot-monitoring",
            "evt-1",
            "d-1|temperature",
            NOON + 1_000,
            NOON,
            NOON + 5_000,
            NOON + 70_000);
    LateEventCodec codec = new LateEventCodec();

    assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    assertThat(new String(codec.encode(event), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"pipeline\":\"iot-monitoring\",\"event_id\":\"evt-1\",\"key\":\"d-1|temperature\","
                + "\"event_time\":\"2026-11-26T12:00:01.000Z\","
                + "\"window_start\":\"2026-11-26T12:00:00.000Z\","
                + "\"window_end\":\"2026-11-26T12:00:05.000Z\","
                + "\"watermark\":\"2026-11-26T12:01:10.000Z\"}");
  }

  @Test
  void rejectsARecordWithoutItsTimes() {
    assertThatThrownBy(
            () ->
                new LateEventCodec()
                    .decode(
                        "{\"pipeline\":\"p\",\"event_id\":\"e\",\"key\":\"k\"}"
                            .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event_time");
  }
}
