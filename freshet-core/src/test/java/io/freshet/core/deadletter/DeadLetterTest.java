package io.freshet.core.deadletter;

import static io.freshet.core.testing.TestEvents.NOON;
import static io.freshet.core.testing.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.core.envelope.EnvelopeReader;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.envelope.RawHeader;
import io.freshet.core.envelope.RawRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  static final Instant RECEIVED = NOON;
  static final Instant FAILED = Instant.parse("2026-11-26T12:00:05.250Z");
  static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28};
  static final String PIPELINE = "fraud-detection";
  static final String VERSION = "1.4.2";

  static RawRecord record(byte[] key, byte[] value, List<RawHeader> headers) {
    return new RawRecord(key, value, headers, "transactions", 3, 4711L, RECEIVED.toEpochMilli());
  }

  static InvalidEventException missingEventId() {
    return new InvalidEventException(
        ErrorType.MISSING_FIELD, "event_id", "event_id is missing; expected a non-empty string");
  }

  static DeadLetter letterFor(RawRecord record) {
    return DeadLetter.of(record, missingEventId(), PIPELINE, VERSION, FAILED.toEpochMilli(), 0);
  }

  @Test
  void utf8KeyAndValueAreKeptAsText() {
    // Given a record with a UTF-8 key and value (including non-ASCII)
    RawRecord record = record(utf8("cust-42"), utf8("{\"x\":\"café €\"}"), List.of());

    // When it is dead-lettered
    DeadLetter letter = letterFor(record);

    // Then both are kept as text in utf-8
    assertThat(letter.originalKey()).isEqualTo("cust-42");
    assertThat(letter.keyEncoding()).isEqualTo("utf-8");
    assertThat(letter.originalValue()).isEqualTo("{\"x\":\"café €\"}");
    assertThat(letter.valueEncoding()).isEqualTo("utf-8");
    assertThat(letter.originalValueBytes()).isEqualTo(record.value());
    assertThat(letter.originalKeyBytes()).isEqualTo(record.key());
  }

  @Test
  void nonUtf8ValueIsKeptAsBase64() {
    // Given a record whose value is not valid UTF-8
    RawRecord record = record(utf8("k"), NOT_UTF8, List.of());

    // When it is dead-lettered
    DeadLetter letter = letterFor(record);

    // Then the value is standard Base64 and decodes to the exact bytes
    assertThat(letter.valueEncoding()).isEqualTo("base64");
    assertThat(letter.originalValue()).isEqualTo("wyg=");
    assertThat(letter.originalValueBytes()).containsExactly(NOT_UTF8);
  }

  @Test
  void nonUtf8KeyIsKeptAsBase64() {
    RawRecord record = record(NOT_UTF8, utf8("v"), List.of());
    DeadLetter letter = letterFor(record);
    assertThat(letter.keyEncoding()).isEqualTo("base64");
    assertThat(letter.originalKeyBytes()).containsExactly(NOT_UTF8);
  }

  @Test
  void nullKeyAndValueHaveNoTextAndNoEncoding() {
    // Given a keyless tombstone
    RawRecord record = record(null, null, null);

    // When it is dead-lettered
    DeadLetter letter = letterFor(record);

    // Then key and value are null with null encodings
    assertThat(letter.originalKey()).isNull();
    assertThat(letter.keyEncoding()).isNull();
    assertThat(letter.originalValue()).isNull();
    assertThat(letter.valueEncoding()).isNull();
    assertThat(letter.originalKeyBytes()).isNull();
    assertThat(letter.originalValueBytes()).isNull();
    assertThat(letter.headers()).isEmpty();
  }

  @Test
  void headersAreKeptInOrderWithTheirEncodings() {
    // Given a record with a text header, a binary header and a header without value
    List<RawHeader> headers =
        List.of(
            new RawHeader("trace", utf8("abc")),
            new RawHeader("sig", NOT_UTF8),
            new RawHeader("empty", null));

    // When it is dead-lettered
    DeadLetter letter = letterFor(record(null, utf8("v"), headers));

    // Then each header keeps its value losslessly
    assertThat(letter.headers())
        .containsExactly(
            new DeadLetterHeader("trace", "abc", "utf-8"),
            new DeadLetterHeader("sig", "wyg=", "base64"),
            new DeadLetterHeader("empty", null, null));
    assertThat(letter.headers().get(1).valueBytes()).containsExactly(NOT_UTF8);
  }

  @Test
  void validationErrorIsCopiedWithoutStackTraceWhenItHasNoCause() {
    // Given a validation error without a cause
    RawRecord record = record(null, utf8("{}"), List.of());

    // When the record is dead-lettered
    DeadLetter letter = letterFor(record);

    // Then type, field and message are copied and there is no stack trace
    assertThat(letter.errorType()).isEqualTo(ErrorType.MISSING_FIELD);
    assertThat(letter.errorField()).isEqualTo("event_id");
    assertThat(letter.errorMessage()).isEqualTo("event_id is missing; expected a non-empty string");
    assertThat(letter.stackTrace()).isNull();
    assertThat(letter.sourceTopic()).isEqualTo("transactions");
    assertThat(letter.sourcePartition()).isEqualTo(3);
    assertThat(letter.sourceOffset()).isEqualTo(4711L);
    assertThat(letter.sourceTimestamp()).isEqualTo(RECEIVED.toEpochMilli());
    assertThat(letter.failedAt()).isEqualTo(FAILED.toEpochMilli());
    assertThat(letter.pipeline()).isEqualTo(PIPELINE);
    assertThat(letter.pipelineVersion()).isEqualTo(VERSION);
    assertThat(letter.replayCount()).isZero();
  }

  @Test
  void validationErrorWithCauseKeepsTheCauseStackTrace() {
    // Given the error the envelope reader raises for a value that is not JSON
    byte[] value = utf8("not json");
    InvalidEventException error = null;
    try {
      new EnvelopeReader("transaction.initiated", 1024).read(value);
    } catch (InvalidEventException e) {
      error = e;
    }
    assertThat(error).isNotNull();

    // When the record is dead-lettered
    DeadLetter letter =
        DeadLetter.of(
            record(null, value, List.of()), error, PIPELINE, VERSION, FAILED.toEpochMilli(), 2);

    // Then the stack trace is the Jackson cause's
    assertThat(letter.errorType()).isEqualTo(ErrorType.NOT_JSON);
    assertThat(letter.stackTrace())
        .startsWith(error.getCause().getClass().getName())
        .contains("\tat ");
    assertThat(letter.replayCount()).isEqualTo(2);
  }

  @Test
  void processingFailureKeepsMessageAndStackTrace() {
    // Given a processing failure
    IllegalStateException failure = new IllegalStateException("state backend unavailable");

    // When the record is dead-lettered
    DeadLetter letter =
        DeadLetter.ofFailure(
            record(null, utf8("{}"), List.of()),
            failure,
            PIPELINE,
            VERSION,
            FAILED.toEpochMilli(),
            1);

    // Then it is a PROCESSING_FAILURE with the message and stack trace
    assertThat(letter.errorType()).isEqualTo(ErrorType.PROCESSING_FAILURE);
    assertThat(letter.errorField()).isNull();
    assertThat(letter.errorMessage()).isEqualTo("state backend unavailable");
    assertThat(letter.stackTrace())
        .startsWith("java.lang.IllegalStateException: state backend unavailable")
        .contains("processingFailureKeepsMessageAndStackTrace");
  }

  @Test
  void processingFailureWithoutMessageFallsBackToTheClassName() {
    DeadLetter letter =
        DeadLetter.ofFailure(
            record(null, utf8("{}"), List.of()),
            new UnsupportedOperationException(),
            PIPELINE,
            VERSION,
            FAILED.toEpochMilli(),
            0);
    assertThat(letter.errorMessage()).isEqualTo("java.lang.UnsupportedOperationException");
  }

  @Test
  void unknownEncodingIsRejected() {
    assertThatThrownBy(() -> new DeadLetterHeader("k", "v", "latin-1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void codecRoundTripsEveryField() {
    // Given a dead letter with every field set, headers and a stack trace
    DeadLetter letter =
        DeadLetter.ofFailure(
            record(
                utf8("cust-42"),
                NOT_UTF8,
                List.of(new RawHeader("trace", utf8("abc")), new RawHeader("sig", NOT_UTF8))),
            new IllegalStateException("boom"),
            PIPELINE,
            VERSION,
            FAILED.toEpochMilli(),
            3);

    // When it is written and read back
    DeadLetter back = DeadLetterCodec.fromJson(DeadLetterCodec.toJson(letter));

    // Then it is equal and the value is byte-exact
    assertThat(back).isEqualTo(letter);
    assertThat(back.originalValueBytes()).containsExactly(NOT_UTF8);
  }

  @Test
  void codecRoundTripsNullFields() {
    DeadLetter letter = letterFor(record(null, null, List.of()));
    assertThat(DeadLetterCodec.fromJson(DeadLetterCodec.toJson(letter))).isEqualTo(letter);
  }

  @Test
  void codecWritesTheDocumentedFieldNamesAndOmitsNulls() throws Exception {
    // Given a dead letter without key and without stack trace
    DeadLetter letter = letterFor(record(null, utf8("{}"), List.of(new RawHeader("h", utf8("x")))));

    // When it is written
    JsonNode json = new ObjectMapper().readTree(DeadLetterCodec.toJson(letter));

    // Then the fields have the documented names, ISO timestamps, and nulls are omitted
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "original_value",
            "encoding",
            "headers",
            "source_topic",
            "source_partition",
            "source_offset",
            "source_timestamp",
            "error_type",
            "error_field",
            "error_message",
            "failed_at",
            "pipeline",
            "pipeline_version",
            "replay_count");
    assertThat(json.get("source_timestamp").textValue()).isEqualTo("2026-11-26T12:00:00.000Z");
    assertThat(json.get("failed_at").textValue()).isEqualTo("2026-11-26T12:00:05.250Z");
    assertThat(json.get("error_type").textValue()).isEqualTo("MISSING_FIELD");
    assertThat(json.get("headers").get(0).toString())
        .isEqualTo("{\"key\":\"h\",\"value\":\"x\",\"encoding\":\"utf-8\"}");
  }

  @Test
  void codecRoundTripsATwoMibBinaryValue() {
    // Given a 2 MiB binary value (larger than any accepted event)
    byte[] value = new byte[2 << 20];
    new Random(42).nextBytes(value);
    DeadLetter letter = letterFor(record(null, value, List.of()));
    assertThat(letter.valueEncoding()).isEqualTo("base64");

    // When it is written and read back
    DeadLetter back = DeadLetterCodec.fromJson(DeadLetterCodec.toJson(letter));

    // Then the bytes are exact
    assertThat(back.originalValueBytes()).isEqualTo(value);
  }

  @Test
  void codecRejectsNonDeadLetterJson() {
    assertThatThrownBy(() -> DeadLetterCodec.fromJson(utf8("[1]")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
