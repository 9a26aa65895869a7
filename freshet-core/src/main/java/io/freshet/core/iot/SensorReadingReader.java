package io.freshet.core.iot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.envelope.Envelope;
import io.freshet.core.envelope.EnvelopeReader;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.envelope.JsonFields;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads {@code sensor.reading} record values into validated {@link SensorReading}s; immutable and
 * thread-safe.
 *
 * <p>Required: {@code payload.device_id}, {@code payload.sensor_type} (one of the {@link
 * SensorType} wire names) and {@code payload.value} (a finite JSON number). {@code site}, {@code
 * line} and {@code unit} are descriptive and optional, but must be strings when present.
 */
public final class SensorReadingReader {
  /** The only event type this reader accepts. */
  public static final String EVENT_TYPE = "sensor.reading";

  private static final String SENSOR_TYPES =
      Arrays.stream(SensorType.values())
          .map(SensorType::wireName)
          .collect(Collectors.joining(", "));

  private final EnvelopeReader envelopes;

  public SensorReadingReader() {
    this(EnvelopeReader.DEFAULT_MAX_VALUE_BYTES);
  }

  public SensorReadingReader(int maxValueBytes) {
    this.envelopes = new EnvelopeReader(EVENT_TYPE, maxValueBytes);
  }

  /**
   * Parses and validates a record value.
   *
   * @throws InvalidEventException naming the first problem found
   */
  public SensorReading read(byte[] value) {
    Envelope envelope = envelopes.read(value);
    ObjectNode payload = envelope.payload();
    String deviceId = JsonFields.requiredString(payload, "payload.device_id");
    SensorType sensorType = readSensorType(payload);
    double reading = readValue(payload);
    return new SensorReading(
        envelope.eventId(),
        envelope.timestamp(),
        deviceId,
        JsonFields.optionalString(payload, "payload.site"),
        JsonFields.optionalString(payload, "payload.line"),
        sensorType,
        reading,
        JsonFields.optionalString(payload, "payload.unit"));
  }

  private static SensorType readSensorType(ObjectNode payload) {
    String path = "payload.sensor_type";
    String name = JsonFields.requiredString(payload, path);
    return SensorType.fromWireName(name)
        .orElseThrow(
            () ->
                new InvalidEventException(
                    ErrorType.INVALID_FIELD,
                    path,
                    path + " is \"" + name + "\"; expected one of " + SENSOR_TYPES));
  }

  private static double readValue(ObjectNode payload) {
    String path = "payload.value";
    JsonNode node = payload.get("value");
    if (JsonFields.isAbsent(node)) {
      throw new InvalidEventException(
          ErrorType.MISSING_FIELD, path, path + " is missing; expected a finite number");
    }
    if (!node.isNumber()) {
      String what =
          node.isTextual()
              ? "the non-numeric string \"" + node.textValue() + "\""
              : JsonFields.describe(node);
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD, path, path + " is " + what + "; expected a finite number");
    }
    // NaN and Infinity tokens, and literals beyond the double range, parse to non-finite doubles.
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD, path, path + " is " + value + "; expected a finite number");
    }
    return value;
  }
}
