package io.freshet.core.envelope;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

  // Jackson checks the length of the strings it decodes but not of those it skips (unknown
  // fields); no string can be longer than the value holding it, so below this size skipping can
  // never accept a value the tree would reject as too long.
  private static final int MAX_STREAMED_BYTES =
      MAPPER.getFactory().streamReadConstraints().getMaxStringLength();

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
    checkSize(value);
    return readTree(value);
  }

  /**
   * Parses and validates a record value into an event, streaming the common case.
   *
   * <p>A valid value is read token by token without building a JSON tree. Anything the streaming
   * read does not plainly accept (a parse error, a missing, mistyped or invalid field, a repeated
   * field with an invalid occurrence, ...) is read again through {@link #read(byte[])} and {@link
   * StreamingPayloadReader#fromEnvelope}, so errors, their order and their messages are exactly
   * those of the tree-based reader.
   *
   * @throws InvalidEventException naming the first problem found, checked in a fixed order
   */
  public <P, T> T read(byte[] value, StreamingPayloadReader<P, T> events) {
    checkSize(value);
    if (value.length <= MAX_STREAMED_BYTES) {
      T event = readStreaming(value, events);
      if (event != null) {
        return event;
      }
    }
    return events.fromEnvelope(readTree(value));
  }

  private void checkSize(byte[] value) {
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
  }

  private Envelope readTree(byte[] value) {
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

  /** The event, or null when the streaming read does not plainly accept the value. */
  private <P, T> T readStreaming(byte[] value, StreamingPayloadReader<P, T> events) {
    try (JsonParser parser = MAPPER.createParser(value)) {
      return readStreaming(parser, events);
    } catch (IOException e) {
      // Not rethrown on purpose: the caller reads the same bytes into a tree next, which fails the
      // same way and reports it as NOT_JSON with the parser's error as the cause.
      return null;
    }
  }

  private <P, T> T readStreaming(JsonParser parser, StreamingPayloadReader<P, T> events)
      throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    // A repeated field is accepted only when every occurrence is valid; its last value is kept,
    // as in the tree, where the last occurrence replaces the earlier ones.
    String eventId = null;
    boolean eventTypeSeen = false;
    boolean timestampSeen = false;
    long timestamp = 0;
    P payload = null;
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken token = parser.nextToken();
      switch (name) {
        case "event_id" -> {
          eventId = StreamingFields.nonBlankString(parser, token);
          if (eventId == null) {
            return null;
          }
        }
        case "event_type" -> {
          if (!expectedEventType.equals(StreamingFields.nonBlankString(parser, token))) {
            return null;
          }
          eventTypeSeen = true;
        }
        case "timestamp" -> {
          String text = StreamingFields.nonBlankString(parser, token);
          if (text == null) {
            return null;
          }
          try {
            timestamp = Timestamps.parse(text);
          } catch (DateTimeParseException e) {
            // Not rethrown on purpose: the tree read that follows reports it as INVALID_TIMESTAMP
            // with this same parse failure as the cause, after the checks that come first.
            return null;
          }
          timestampSeen = true;
        }
        case "metadata" -> {
          if (token != JsonToken.VALUE_NULL && !metadataIsValid(parser, token)) {
            return null;
          }
        }
        case "payload" -> {
          payload = token == JsonToken.START_OBJECT ? events.readPayload(parser) : null;
          if (payload == null) {
            return null;
          }
        }
        case "source", "partition_key" -> {
          if (!StreamingFields.isOptionalString(token)) {
            return null;
          }
        }
        default -> StreamingFields.skipValue(parser);
      }
    }
    // As FAIL_ON_TRAILING_TOKENS does for the tree: "{...} garbage" is not an event.
    if (parser.nextToken() != null
        || eventId == null
        || !eventTypeSeen
        || !timestampSeen
        || payload == null) {
      return null;
    }
    return events.build(eventId, timestamp, payload);
  }

  private static boolean metadataIsValid(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      return false;
    }
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      switch (name) {
        case "schema_version" -> {
          if (value != JsonToken.VALUE_NULL
              && (value != JsonToken.VALUE_STRING || !hasSupportedMajor(parser.getText()))) {
            return false;
          }
        }
        case "correlation_id", "trace_id" -> {
          if (!StreamingFields.isOptionalString(value)) {
            return false;
          }
        }
        default -> StreamingFields.skipValue(parser);
      }
    }
    return true;
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
    if (!hasSupportedMajor(version)) {
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

  private static boolean hasSupportedMajor(String version) {
    int dot = version.indexOf('.');
    String major = dot < 0 ? version : version.substring(0, dot);
    return major.equals(SUPPORTED_MAJOR_TEXT);
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
