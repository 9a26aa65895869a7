package io.freshet.core.iot;

import static io.freshet.core.testing.TestEvents.NOON_TEXT;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds valid sensor envelopes for tests to mutate, and readings for the statistics tests. */
final class SensorEvents {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SensorEvents() {}

  /** A fresh, fully populated, valid {@code sensor.reading} envelope: 71.5 °C on press-7. */
  static ObjectNode validSensorEnvelope() {
    ObjectNode env = MAPPER.createObjectNode();
    env.put("event_id", "evt-s-0001");
    env.put("event_type", "sensor.reading");
    env.put("timestamp", NOON_TEXT);
    env.put("source", "plc-gateway");
    env.put("partition_key", "press-7");
    ObjectNode payload = env.putObject("payload");
    payload.put("device_id", "press-7");
    payload.put("site", "lyon");
    payload.put("line", "line-2");
    payload.put("sensor_type", "temperature");
    payload.put("value", 71.5);
    payload.put("unit", "\u00b0C");
    env.putObject("metadata").put("schema_version", "2.0");
    return env;
  }

  /** A reading of the given type and value from press-7 at event time 0. */
  static SensorReading reading(SensorType type, double value) {
    return new SensorReading("evt-1", 0L, "press-7", "lyon", "line-2", type, value, null);
  }
}
