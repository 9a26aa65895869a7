package io.freshet.testkit.fraud;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record of a generated scenario: key, value bytes, and what the generator meant it to
 * be.
 *
 * @param key the Kafka key, always the customer id so a customer's records share a partition
 * @param value the record value; null for a {@link MalformedKind#TOMBSTONE}
 * @param kind whether the record is a first delivery, a re-delivery or invalid
 * @param customerId the customer whose sequence the record belongs to
 * @param sequence the record's position in its customer's sequence (0-based), which any
 *     interleaving must preserve
 * @param eventId the event_id the record was built with (a malformed record may not carry it)
 * @param transactionId the transaction_id the record was built with (same caveat)
 * @param eventTime the event time the record was built with
 * @param malformedKind which defect a MALFORMED record has; null otherwise
 */
public record GeneratedRecord(
    String key,
    byte[] value,
    Kind kind,
    String customerId,
    int sequence,
    String eventId,
    String transactionId,
    Instant eventTime,
    MalformedKind malformedKind) {

  /** What the generator meant a record to be. */
  public enum Kind {
    /** The first delivery of a valid transaction. */
    VALID,
    /** A byte-identical re-delivery of an earlier VALID record of the same customer. */
    DUPLICATE,
    /** A record a validator must dead-letter. */
    MALFORMED
  }

  public GeneratedRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(customerId, "customerId");
    if ((kind == Kind.MALFORMED) != (malformedKind != null)) {
      throw new IllegalArgumentException("malformedKind must be set exactly for MALFORMED records");
    }
  }

  /** The value as UTF-8 text, or null for a tombstone. */
  public String valueAsString() {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** The same record at another position of its customer's sequence. */
  public GeneratedRecord withSequence(int newSequence) {
    return new GeneratedRecord(
        key,
        value,
        kind,
        customerId,
        newSequence,
        eventId,
        transactionId,
        eventTime,
        malformedKind);
  }

  @Override
  public boolean equals(Object o) {
    // Value equality on the bytes, so two generations with one seed compare equal.
    return o instanceof GeneratedRecord r
        && key.equals(r.key)
        && Arrays.equals(value, r.value)
        && kind == r.kind
        && customerId.equals(r.customerId)
        && sequence == r.sequence
        && Objects.equals(eventId, r.eventId)
        && Objects.equals(transactionId, r.transactionId)
        && Objects.equals(eventTime, r.eventTime)
        && malformedKind == r.malformedKind;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, kind, sequence, eventId) * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "GeneratedRecord["
        + kind
        + (malformedKind == null ? "" : "/" + malformedKind)
        + ", key="
        + key
        + ", seq="
        + sequence
        + ", txn="
        + transactionId
        + ", at="
        + eventTime
        + ", value="
        + valueAsString()
        + "]";
  }
}
