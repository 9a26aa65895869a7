package io.freshet.core.iot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.time.Timestamps;
import java.io.UncheckedIOException;

/** Writes a sensor reading as the {@code sensor.reading} JSON envelope (schema 2.1). */
public final class SensorReadingWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SensorReadingWriter() {}

  /** Encodes {@code r}, partition key the device id so a device's readings stay in order. */
  public static byte[] write(SensorReading r, String source) {
    ObjectNode envelope = MAPPER.createObjectNode();
    envelope.put("event_id", r.eventId());
    envelope.put("event_type", SensorReadingReader.EVENT_TYPE);
    envelope.put("timestamp", Timestamps.format(r.eventTime()));
    envelope.put("source", source);
    envelope.put("partition_key", r.deviceId());
    ObjectNode payload = envelope.putObject("payload");
    payload.put("device_id", r.deviceId());
    if (r.site() != null) {
      payload.put("site", r.site());
    }
    if (r.line() != null) {
      payload.put("line", r.line());
    }
    payload.put("sensor_type", r.sensorType().wireName());
    payload.put("value", r.value());
    if (r.unit() != null) {
      payload.put("unit", r.unit());
    }
    envelope.putObject("metadata").put("schema_version", "2.1");
    try {
      return MAPPER.writeValueAsBytes(envelope);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode reading " + r.eventId(), e);
    }
  }
}
