package io.freshet.core.envelope;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.time.Timestamps;
import java.io.IOException;
import java.time.format.DateTimeParseException;

/**
 * Turns a record value into a validated {@link Envelope} of one event type; immutable and
 * thread-safe.
 */
public final class EnvelopeReader {
  /** The largest value accepted by default: 1 MiB. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 1 << 20;

  /** The schema major version this reader understands. */
  public static final int SUPPORTED_SCHEMA_MAJOR = 2;

  // NaN tokens are parsed, not rejected, so a NaN amount is reported on its field rather than as
  // an unreadable value; trailing tokens fail so "{...} garbage" never passes as the first object.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final String SUPPORTED_MAJOR_TEXT = Integer.toString(SUPPORTED_SCHEMA_MAJOR);

  private final String expectedEventType;
  private final int maxValueBytes;

  public EnvelopeReader(String expectedEventType, int maxValueBytes) {
    if (expectedEventType == null || expectedEventType.isBlank()) {
      throw new IllegalArgumentException("expectedEventType must be non-blank");
    }
    if (maxValueBytes < 1) {
      throw new IllegalArgumentException("maxValueBytes must be >= 1, was " + maxValueBytes);
    }
    this.expectedEventType = expectedEventType;
    this.maxValueBytes = maxValueBytes;
  }

  public String expectedEventType() {
    return expectedEventType;
  }

  public int maxValueBytes() {
    return maxValueBytes;
  }

  /**
   * Parses and validates a record value.
   *
   * @throws InvalidEventException naming the first problem found, checked in a fixed order
   */
  public Envelope read(byte[] value) {
    if (value == null || value.length == 0) {
      throw new InvalidEventException(
          ErrorType.TOMBSTONE, null, "value is empty (tombstone); expected a JSON event");
    }
    if (value.length > maxValueBytes) {
      throw new InvalidEventException(
          ErrorType.OVERSIZED,
          null,
          "value is " + value.length + " bytes; the limit is " + maxValueBytes + " bytes");
    }
    ObjectNode root = parseObject(value);

    String eventId = JsonFields.requiredString(root, "event_id");
    String eventType = readEventType(root);
    long timestamp = readTimestamp(root);
    EventMetadata metadata = readMetadata(root);
    ObjectNode payload = readPayload(root);
    String source = JsonFields.optionalString(root, "source");
    String partitionKey = JsonFields.optionalString(root, "partition_key");
    return new Envelope(eventId, eventType, timestamp, source, partitionKey, payload, metadata);
  }

  private static ObjectNode parseObject(byte[] value) {
    JsonNode root;
    try {
      root = MAPPER.readTree(value);
    } catch (JacksonException e) {
      throw new InvalidEventException(
          ErrorType.NOT_JSON, null, "value is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      // A byte array cannot fail to read, but readTree declares it; keep the cause all the same.
      throw new InvalidEventException(
          ErrorType.NOT_JSON, null, "value is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidEventException(
          ErrorType.NOT_JSON, null, "value is not valid JSON: it holds only whitespace");
    }
    if (!root.isObject()) {
      throw new InvalidEventException(
          ErrorType.NOT_OBJECT,
          null,
          "value is " + JsonFields.describe(root) + "; expected a JSON object");
    }
    return (ObjectNode) root;
  }

  private String readEventType(ObjectNode root) {
    String eventType = JsonFields.requiredString(root, "event_type");
    if (!eventType.equals(expectedEventType)) {
      throw new InvalidEventException(
          ErrorType.UNSUPPORTED_EVENT_TYPE,
          "event_type",
          "event_type is \"" + eventType + "\"; expected \"" + expectedEventType + "\"");
    }
    return eventType;
  }

  private static long readTimestamp(ObjectNode root) {
    JsonNode node = root.get("timestamp");
    if (JsonFields.isAbsent(node) || (node.isTextual() && node.textValue().isBlank())) {
      throw new InvalidEventException(
          ErrorType.MISSING_FIELD,
          "timestamp",
          "timestamp is missing; expected an ISO-8601 instant such as 2026-11-26T12:00:00.000Z");
    }
    if (!node.isTextual()) {
      throw new InvalidEventException(
          ErrorType.INVALID_TIMESTAMP,
          "timestamp",
          "timestamp is "
              + JsonFields.describe(node)
              + "; expected an ISO-8601 instant string such as 2026-11-26T12:00:00.000Z");
    }
    try {
      return Timestamps.parse(node.textValue());
    } catch (DateTimeParseException e) {
      throw new InvalidEventException(
          ErrorType.INVALID_TIMESTAMP,
          "timestamp",
          "timestamp \""
              + node.textValue()
              + "\" is not an ISO-8601 instant with offset such as 2026-11-26T12:00:00.000Z",
          e);
    }
  }

  private static EventMetadata readMetadata(ObjectNode root) {
    JsonNode node = root.get("metadata");
    if (JsonFields.isAbsent(node)) {
      return new EventMetadata(null, null, null);
    }
    if (!node.isObject()) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD,
          "metadata",
          "metadata is " + JsonFields.describe(node) + "; expected an object");
    }
    ObjectNode metadata = (ObjectNode) node;
    String schemaVersion = readSchemaVersion(metadata);
    return new EventMetadata(
        schemaVersion,
        JsonFields.optionalString(metadata, "metadata.correlation_id"),
        JsonFields.optionalString(metadata, "metadata.trace_id"));
  }

  private static String readSchemaVersion(ObjectNode metadata) {
    JsonNode node = metadata.get("schema_version");
    // Producers that predate versioning send no schema_version; they write the current schema.
    if (JsonFields.isAbsent(node)) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidEventException(
          ErrorType.UNSUPPORTED_SCHEMA_VERSION,
          "metadata.schema_version",
          "metadata.schema_version is "
              + JsonFields.describe(node)
              + "; expected a string with major version "
              + SUPPORTED_SCHEMA_MAJOR);
    }
    String version = node.textValue();
    int dot = version.indexOf('.');
    String major = dot < 0 ? version : version.substring(0, dot);
    if (!major.equals(SUPPORTED_MAJOR_TEXT)) {
      throw new InvalidEventException(
          ErrorType.UNSUPPORTED_SCHEMA_VERSION,
          "metadata.schema_version",
          "metadata.schema_version \""
              + version
              + "\" is not supported; expected major version "
              + SUPPORTED_SCHEMA_MAJOR);
    }
    return version;
  }

  private static ObjectNode readPayload(ObjectNode root) {
    JsonNode node = root.get("payload");
    if (JsonFields.isAbsent(node)) {
      throw new InvalidEventException(
          ErrorType.MISSING_FIELD, "payload", "payload is missing; expected a non-empty object");
    }
    if (!node.isObject()) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD,
          "payload",
          "payload is " + JsonFields.describe(node) + "; expected a non-empty object");
    }
    if (node.isEmpty()) {
      throw new InvalidEventException(
          ErrorType.MISSING_FIELD, "payload", "payload is empty; expected a non-empty object");
    }
    return (ObjectNode) node;
  }
}
