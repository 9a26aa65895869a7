package io.freshet.core.envelope;

import static io.freshet.core.testing.TestEvents.NOON;
import static io.freshet.core.testing.TestEvents.assertInvalid;
import static io.freshet.core.testing.TestEvents.bytes;
import static io.freshet.core.testing.TestEvents.payload;
import static io.freshet.core.testing.TestEvents.utf8;
import static io.freshet.core.testing.TestEvents.validTransactionEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class EnvelopeReaderTest {
  static final String TRANSACTION = "transaction.initiated";
  static final int ONE_MIB = 1 << 20;

  final EnvelopeReader reader =
      new EnvelopeReader(TRANSACTION, EnvelopeReader.DEFAULT_MAX_VALUE_BYTES);

  @Test
  void validEnvelopeMapsEveryEnvelopeField() {
    // Given a valid transaction envelope
    ObjectNode env = validTransactionEnvelope();

    // When it is read
    Envelope envelope = reader.read(bytes(env));

    // Then every envelope field is carried over
    assertThat(envelope.eventId()).isEqualTo("evt-0001");
    assertThat(envelope.eventType()).isEqualTo(TRANSACTION);
    assertThat(envelope.timestamp()).isEqualTo(NOON.toEpochMilli());
    assertThat(envelope.source()).isEqualTo("card-gateway");
    assertThat(envelope.partitionKey()).isEqualTo("cust-42");
    assertThat(envelope.payload()).isEqualTo(payload(env));
    assertThat(envelope.metadata()).isEqualTo(new EventMetadata("2.0", "corr-1", "trace-1"));
  }

  @Test
  void optionalEnvelopeFieldsAreNullWhenAbsent() {
    // Given a valid envelope without source, partition_key and metadata
    ObjectNode env = validTransactionEnvelope();
    env.remove("source");
    env.remove("partition_key");
    env.remove("metadata");

    // When it is read
    Envelope envelope = reader.read(bytes(env));

    // Then the absent fields are null and the schema version counts as current
    assertThat(envelope.source()).isNull();
    assertThat(envelope.partitionKey()).isNull();
    assertThat(envelope.metadata()).isEqualTo(new EventMetadata(null, null, null));
  }

  @Test
  void nullValueIsTombstone() {
    // Given / When a null value is read / Then it is a tombstone
    assertInvalid(() -> reader.read(null), ErrorType.TOMBSTONE, null);
  }

  @Test
  void emptyValueIsTombstone() {
    // Given / When an empty value is read / Then it is a tombstone
    assertInvalid(() -> reader.read(new byte[0]), ErrorType.TOMBSTONE, null);
  }

  @Test
  void valueOfExactlyOneMibIsAccepted() {
    // Given a valid envelope padded with an unknown field to exactly 1 MiB
    byte[] value = paddedTo(ONE_MIB);
    assertThat(value).hasSize(ONE_MIB);

    // When it is read
    Envelope envelope = reader.read(value);

    // Then its size passes
    assertThat(envelope.eventId()).isEqualTo("evt-0001");
  }

  @Test
  void valueOfOneMibPlusOneByteIsOversized() {
    // Given a valid envelope padded to 1 MiB + 1 byte
    byte[] value = paddedTo(ONE_MIB + 1);

    // When it is read / Then it is oversized and the message gives both sizes
    InvalidEventException e = assertInvalid(() -> reader.read(value), ErrorType.OVERSIZED, null);
    assertThat(e.getMessage()).contains("1048577").contains("1048576");
  }

  @Test
  void notJsonIsNotJsonWithTheParseErrorAsCause() {
    // Given text that is not JSON
    byte[] value = utf8("this is not json");

    // When it is read / Then it is NOT_JSON with the Jackson exception as cause
    InvalidEventException e = assertInvalid(() -> reader.read(value), ErrorType.NOT_JSON, null);
    assertThat(e.getCause()).isInstanceOf(JacksonException.class);
  }

  @Test
  void trailingGarbageAfterTheObjectIsNotJson() {
    // Given a valid envelope followed by garbage
    byte[] value =
        utf8(new String(bytes(validTransactionEnvelope()), StandardCharsets.UTF_8) + " garbage");

    // When it is read / Then it is NOT_JSON
    InvalidEventException e = assertInvalid(() -> reader.read(value), ErrorType.NOT_JSON, null);
    assertThat(e.getCause()).isInstanceOf(JacksonException.class);
  }

  @Test
  void secondObjectAfterTheFirstIsNotJson() {
    // Given two concatenated envelopes
    String one = new String(bytes(validTransactionEnvelope()), StandardCharsets.UTF_8);

    // When they are read as one value / Then it is NOT_JSON
    assertInvalid(() -> reader.read(utf8(one + one)), ErrorType.NOT_JSON, null);
  }

  @Test
  void whitespaceOnlyIsNotJson() {
    assertInvalid(() -> reader.read(utf8("   \n")), ErrorType.NOT_JSON, null);
  }

  @Test
  void jsonArrayIsNotObject() {
    // Given a JSON array / When read / Then it is NOT_OBJECT
    InvalidEventException e =
        assertInvalid(() -> reader.read(utf8("[1,2]")), ErrorType.NOT_OBJECT, null);
    assertThat(e.getMessage()).contains("an array");
  }

  @Test
  void jsonStringIsNotObject() {
    assertInvalid(() -> reader.read(utf8("\"hello\"")), ErrorType.NOT_OBJECT, null);
  }

  @Test
  void jsonNumberIsNotObject() {
    assertInvalid(() -> reader.read(utf8("42")), ErrorType.NOT_OBJECT, null);
  }

  @Test
  void jsonNullIsNotObject() {
    assertInvalid(() -> reader.read(utf8("null")), ErrorType.NOT_OBJECT, null);
  }

  @Test
  void missingEventIdIsMissingField() {
    // Given a valid transaction envelope
    ObjectNode env = validTransactionEnvelope();
    // When event_id is removed
    env.remove("event_id");
    // Then it is rejected naming event_id
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "event_id");
  }

  @Test
  void nullEventIdIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    env.putNull("event_id");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "event_id");
  }

  @Test
  void emptyEventIdIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    env.put("event_id", "");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "event_id");
  }

  @Test
  void blankEventIdIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    env.put("event_id", "   ");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "event_id");
  }

  @Test
  void numericEventIdIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    env.put("event_id", 17);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "event_id");
  }

  @Test
  void missingEventTypeIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    env.remove("event_type");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "event_type");
  }

  @Test
  void emptyEventTypeIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    env.put("event_type", "");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "event_type");
  }

  @Test
  void otherEventTypeIsUnsupported() {
    // Given a valid envelope of another event type
    ObjectNode env = validTransactionEnvelope();
    env.put("event_type", "transaction.settled");

    // When it is read / Then the message names what was expected and what came
    InvalidEventException e =
        assertInvalid(
            () -> reader.read(bytes(env)), ErrorType.UNSUPPORTED_EVENT_TYPE, "event_type");
    assertThat(e.getMessage()).contains("transaction.settled").contains(TRANSACTION);
  }

  @Test
  void missingTimestampIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    env.remove("timestamp");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "timestamp");
  }

  @Test
  void emptyTimestampIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    env.put("timestamp", "");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "timestamp");
  }

  @Test
  void unparseableTimestampIsInvalidTimestampWithCause() {
    // Given a valid envelope whose timestamp is not an instant
    ObjectNode env = validTransactionEnvelope();
    env.put("timestamp", "26/11/2026 12:00");

    // When it is read / Then it is INVALID_TIMESTAMP caused by the parse failure
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_TIMESTAMP, "timestamp");
    assertThat(e.getCause()).isInstanceOf(DateTimeParseException.class);
    assertThat(e.getMessage()).contains("26/11/2026 12:00");
  }

  @Test
  void timestampWithoutOffsetIsInvalidTimestamp() {
    ObjectNode env = validTransactionEnvelope();
    env.put("timestamp", "2026-11-26T12:00:00");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_TIMESTAMP, "timestamp");
  }

  @Test
  void numericTimestampIsInvalidTimestamp() {
    ObjectNode env = validTransactionEnvelope();
    env.put("timestamp", NOON.toEpochMilli());
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_TIMESTAMP, "timestamp");
  }

  @Test
  void timestampWithOffsetIsTheSameInstant() {
    // Given a valid envelope whose timestamp is noon UTC written in +01:00
    ObjectNode env = validTransactionEnvelope();
    env.put("timestamp", "2026-11-26T13:00:00+01:00");

    // When it is read / Then it is noon UTC
    assertThat(reader.read(bytes(env)).timestamp()).isEqualTo(NOON.toEpochMilli());
  }

  @Test
  void schemaVersion3IsUnsupported() {
    ObjectNode env = validTransactionEnvelope();
    metadata(env).put("schema_version", "3.0");
    assertInvalid(
        () -> reader.read(bytes(env)),
        ErrorType.UNSUPPORTED_SCHEMA_VERSION,
        "metadata.schema_version");
  }

  @Test
  void schemaVersion1IsUnsupported() {
    ObjectNode env = validTransactionEnvelope();
    metadata(env).put("schema_version", "1.9");
    assertInvalid(
        () -> reader.read(bytes(env)),
        ErrorType.UNSUPPORTED_SCHEMA_VERSION,
        "metadata.schema_version");
  }

  @Test
  void nonNumericSchemaVersionIsUnsupported() {
    ObjectNode env = validTransactionEnvelope();
    metadata(env).put("schema_version", "abc");
    assertInvalid(
        () -> reader.read(bytes(env)),
        ErrorType.UNSUPPORTED_SCHEMA_VERSION,
        "metadata.schema_version");
  }

  @Test
  void schemaVersion20WithUnknownExtraFieldsIsAccepted() {
    // Given a 2.0 envelope with unknown fields at every level
    ObjectNode env = validTransactionEnvelope();
    metadata(env).put("schema_version", "2.0");
    env.put("unknown_top", true);
    metadata(env).put("unknown_meta", 1);
    payload(env).putObject("unknown_payload").put("x", "y");

    // When it is read / Then the unknown fields are ignored
    assertThat(reader.read(bytes(env)).metadata().schemaVersion()).isEqualTo("2.0");
  }

  @Test
  void schemaVersion29IsAccepted() {
    ObjectNode env = validTransactionEnvelope();
    metadata(env).put("schema_version", "2.9");
    assertThat(reader.read(bytes(env)).metadata().schemaVersion()).isEqualTo("2.9");
  }

  @Test
  void bareMajorSchemaVersionIsAccepted() {
    ObjectNode env = validTransactionEnvelope();
    metadata(env).put("schema_version", "2");
    assertThat(reader.read(bytes(env)).metadata().schemaVersion()).isEqualTo("2");
  }

  @Test
  void absentSchemaVersionIsAccepted() {
    ObjectNode env = validTransactionEnvelope();
    metadata(env).remove("schema_version");
    assertThat(reader.read(bytes(env)).metadata().schemaVersion()).isNull();
  }

  @Test
  void missingPayloadIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    env.remove("payload");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload");
  }

  @Test
  void nullPayloadIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    env.putNull("payload");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload");
  }

  @Test
  void emptyPayloadIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    env.putObject("payload");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload");
  }

  @Test
  void nonObjectPayloadIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    env.put("payload", "txn-0001");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload");
  }

  @Test
  void constructorRejectsNonPositiveLimit() {
    assertThatThrownBy(() -> new EnvelopeReader(TRANSACTION, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ObjectNode metadata(ObjectNode env) {
    return (ObjectNode) env.get("metadata");
  }

  private static byte[] paddedTo(int size) {
    ObjectNode env = validTransactionEnvelope();
    env.put("padding", "");
    int unpadded = bytes(env).length;
    env.put("padding", "x".repeat(size - unpadded));
    return bytes(env);
  }
}
