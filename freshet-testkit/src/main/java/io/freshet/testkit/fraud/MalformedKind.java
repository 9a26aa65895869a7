package io.freshet.testkit.fraud;

import io.freshet.core.envelope.ErrorType;

/**
 * The kinds of invalid input record the generator can inject, each with the dead-letter error type
 * and field a validator is expected to report.
 */
public enum MalformedKind {
  /** A valid envelope cut in half: not parseable JSON. */
  NOT_JSON(ErrorType.NOT_JSON, null),
  /** A valid envelope wrapped in {@code [...]}: JSON, but not an object. */
  JSON_ARRAY(ErrorType.NOT_OBJECT, null),
  MISSING_EVENT_ID(ErrorType.MISSING_FIELD, "event_id"),
  MISSING_PAYLOAD(ErrorType.MISSING_FIELD, "payload"),
  /** A timestamp in a local, non-ISO format. */
  BAD_TIMESTAMP(ErrorType.INVALID_TIMESTAMP, "timestamp"),
  /** An event type this pipeline does not consume ({@code transaction.settled}). */
  WRONG_EVENT_TYPE(ErrorType.UNSUPPORTED_EVENT_TYPE, "event_type"),
  /** {@code "amount": "abc"}. */
  AMOUNT_NOT_NUMBER(ErrorType.INVALID_FIELD, "payload.amount"),
  /**
   * {@code "amount": NaN}: not standard JSON, so a strict parser reports NOT_JSON instead; the
   * expectation follows ErrorType's documentation, which lists NaN under INVALID_FIELD.
   */
  AMOUNT_NAN(ErrorType.INVALID_FIELD, "payload.amount"),
  NEGATIVE_AMOUNT(ErrorType.INVALID_FIELD, "payload.amount"),
  /** Latitude 95. */
  LAT_OUT_OF_RANGE(ErrorType.INVALID_FIELD, "payload.geo_location.lat"),
  /** Longitude -190. */
  LON_OUT_OF_RANGE(ErrorType.INVALID_FIELD, "payload.geo_location.lon"),
  /** Schema version 3.0: a major version the pipeline does not understand. */
  UNSUPPORTED_SCHEMA_VERSION(ErrorType.UNSUPPORTED_SCHEMA_VERSION, "metadata.schema_version"),
  /** A null value: a Kafka tombstone. */
  TOMBSTONE(ErrorType.TOMBSTONE, null),
  /** A zero-length value, which carries no event either. */
  EMPTY_VALUE(ErrorType.TOMBSTONE, null);

  private final ErrorType expectedErrorType;
  private final String field;

  MalformedKind(ErrorType expectedErrorType, String field) {
    this.expectedErrorType = expectedErrorType;
    this.field = field;
  }

  /** The error type a dead letter for this record should carry. */
  public ErrorType expectedErrorType() {
    return expectedErrorType;
  }

  /** The JSON path of the offending field, or null when the whole value is at fault. */
  public String field() {
    return field;
  }
}
