package io.freshet.core.envelope;

/** Why an input record could not be processed; each dead letter carries exactly one. */
public enum ErrorType {
  /** The value is empty or null: a Kafka tombstone carries no event. */
  TOMBSTONE,
  /** The value exceeds the largest event the pipelines accept. */
  OVERSIZED,
  /** The value is not parseable JSON. */
  NOT_JSON,
  /** The value is JSON but not a JSON object. */
  NOT_OBJECT,
  /** A required field is absent, null or empty. */
  MISSING_FIELD,
  /** A field is present but its value is unusable (wrong type, NaN, negative, out of range). */
  INVALID_FIELD,
  /** The timestamp is not an ISO-8601 instant. */
  INVALID_TIMESTAMP,
  /** The event_type is not one this pipeline consumes. */
  UNSUPPORTED_EVENT_TYPE,
  /** The schema_version has a major version this pipeline does not understand. */
  UNSUPPORTED_SCHEMA_VERSION,
  /** Processing a valid-looking event threw an unexpected exception. */
  PROCESSING_FAILURE
}
