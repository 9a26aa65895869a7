package io.freshet.testkit.iot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.testkit.windows.Envelopes;
import io.freshet.testkit.windows.Malformed;
import java.util.List;

/** {@code sensor.reading} envelopes of generated readings, and planted malformed ones. */
public final class SensorEnvelopes {
  /** The envelope event_type. */
  public static final String EVENT_TYPE = "sensor.reading";

  private SensorEnvelopes() {}

  /** The reading's envelope, partition key its device. */
  public static byte[] encode(Reading r, String source) {
    ObjectNode envelope =
        Envelopes.envelope(r.eventId(), EVENT_TYPE, r.eventTime(), source, r.deviceId());
    ObjectNode p = Envelopes.payload(envelope);
    p.put("device_id", r.deviceId());
    if (r.site() != null) {
      p.put("site", r.site());
    }
    if (r.line() != null) {
      p.put("line", r.line());
    }
    p.put("sensor_type", r.sensorType());
    p.put("value", r.value());
    if (r.unit() != null) {
      p.put("unit", r.unit());
    }
    return Envelopes.bytes(envelope);
  }

  /** A NaN value, an unknown sensor type and a missing device id: three dead letters. */
  public static List<Malformed> malformed() {
    String head = "\"event_type\":\"sensor.reading\",\"timestamp\":\"2026-11-26T12:00:00.000Z\",";
    return List.of(
        Malformed.of(
            "dev-9",
            "{\"event_id\":\"bad-1\","
                + head
                + "\"payload\":{\"device_id\":\"dev-9\",\"sensor_type\":\"temperature\","
                + "\"value\":NaN}}",
            "INVALID_FIELD"),
        Malformed.of(
            "dev-9",
            "{\"event_id\":\"bad-2\","
                + head
                + "\"payload\":{\"device_id\":\"dev-9\",\"sensor_type\":\"radiation\","
                + "\"value\":1}}",
            "INVALID_FIELD"),
        Malformed.of(
            "dev-9",
            "{\"event_id\":\"bad-3\","
                + head
                + "\"payload\":{\"sensor_type\":\"temperature\",\"value\":1}}",
            "MISSING_FIELD"));
  }
}
