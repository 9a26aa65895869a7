package io.freshet.core.deadletter;

import io.freshet.core.envelope.ErrorType;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.envelope.RawRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Objects;

/**
 * A record that could not be processed, with everything needed to understand and replay it.
 *
 * @param originalKey the key as text, or null when the record had no key
 * @param keyEncoding {@link #UTF_8} or {@link #BASE64}, or null with a null key
 * @param originalValue the value as text, or null for a tombstone
 * @param valueEncoding {@link #UTF_8} or {@link #BASE64}, or null with a null value
 * @param headers the original headers in order
 * @param stackTrace the stack trace of the exception behind the failure, or null when a validation
 *     rule rejected the record without one
 * @param failedAt when it failed, in epoch milliseconds
 * @param replayCount how many times the record was replayed before this failure
 */
public record DeadLetter(
    String originalKey,
    String keyEncoding,
    String originalValue,
    String valueEncoding,
    List<DeadLetterHeader> headers,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    long sourceTimestamp,
    ErrorType errorType,
    String errorField,
    String errorMessage,
    String stackTrace,
    long failedAt,
    String pipeline,
    String pipelineVersion,
    int replayCount) {

  /** Encoding of bytes that are valid UTF-8, kept as the text they spell. */
  public static final String UTF_8 = ByteText.UTF_8;

  /** Encoding of any other bytes, kept as standard Base64. */
  public static final String BASE64 = ByteText.BASE64;

  public DeadLetter {
    Objects.requireNonNull(errorType, "errorType");
    ByteText.check(originalKey, keyEncoding, "original key");
    ByteText.check(originalValue, valueEncoding, "original value");
    headers = headers == null ? List.of() : List.copyOf(headers);
    if (replayCount < 0) {
      throw new IllegalArgumentException("replayCount must be >= 0, was " + replayCount);
    }
  }

  /** A dead letter for a record the validation rejected; the stack trace is that of its cause. */
  public static DeadLetter of(
      RawRecord record,
      InvalidEventException error,
      String pipeline,
      String pipelineVersion,
      long failedAt,
      int replayCount) {
    Throwable cause = error.getCause();
    return build(
        record,
        error.errorType(),
        error.field(),
        error.getMessage(),
        cause == null ? null : stackTraceOf(cause),
        pipeline,
        pipelineVersion,
        failedAt,
        replayCount);
  }

  /** A PROCESSING_FAILURE dead letter for a record whose processing threw. */
  public static DeadLetter ofFailure(
      RawRecord record,
      Throwable failure,
      String pipeline,
      String pipelineVersion,
      long failedAt,
      int replayCount) {
    // Some exceptions (NullPointerException without helpful messages) carry no message at all.
    String message =
        failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
    return build(
        record,
        ErrorType.PROCESSING_FAILURE,
        null,
        message,
        stackTraceOf(failure),
        pipeline,
        pipelineVersion,
        failedAt,
        replayCount);
  }

  /** The exact original value bytes, or null for a tombstone. */
  public byte[] originalValueBytes() {
    return ByteText.decode(originalValue, valueEncoding);
  }

  /** The exact original key bytes, or null when there was no key. */
  public byte[] originalKeyBytes() {
    return ByteText.decode(originalKey, keyEncoding);
  }

  private static DeadLetter build(
      RawRecord record,
      ErrorType errorType,
      String errorField,
      String errorMessage,
      String stackTrace,
      String pipeline,
      String pipelineVersion,
      long failedAt,
      int replayCount) {
    ByteText.Encoded key = ByteText.encode(record.key());
    ByteText.Encoded value = ByteText.encode(record.value());
    List<DeadLetterHeader> headers = record.headers().stream().map(DeadLetterHeader::of).toList();
    return new DeadLetter(
        key.text(),
        key.encoding(),
        value.text(),
        value.encoding(),
        headers,
        record.topic(),
        record.partition(),
        record.offset(),
        record.timestamp(),
        errorType,
        errorField,
        errorMessage,
        stackTrace,
        failedAt,
        pipeline,
        pipelineVersion,
        replayCount);
  }

  private static String stackTraceOf(Throwable t) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      t.printStackTrace(out);
    }
    return text.toString();
  }
}
