package io.freshet.core.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.envelope.Envelope;
import io.freshet.core.envelope.EnvelopeReader;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.envelope.JsonFields;
import io.freshet.core.geo.GeoPoint;

/** Reads {@code transaction.initiated} record values into validated {@link Transaction}s. */
public final class TransactionReader {
  /** The only event type this reader accepts. */
  public static final String EVENT_TYPE = "transaction.initiated";

  private final EnvelopeReader envelopes;

  public TransactionReader() {
    this(EnvelopeReader.DEFAULT_MAX_VALUE_BYTES);
  }

  public TransactionReader(int maxValueBytes) {
    this.envelopes = new EnvelopeReader(EVENT_TYPE, maxValueBytes);
  }

  /**
   * Parses and validates a record value.
   *
   * @throws InvalidEventException naming the first problem found
   */
  public Transaction read(byte[] value) {
    Envelope envelope = envelopes.read(value);
    ObjectNode payload = envelope.payload();
    String transactionId = JsonFields.requiredString(payload, "payload.transaction_id");
    String customerId = JsonFields.requiredString(payload, "payload.customer_id");
    double amount = readAmount(payload);
    return new Transaction(
        envelope.eventId(),
        envelope.timestamp(),
        transactionId,
        customerId,
        amount,
        JsonFields.optionalString(payload, "payload.currency"),
        JsonFields.optionalString(payload, "payload.merchant_id"),
        JsonFields.optionalString(payload, "payload.merchant_category"),
        JsonFields.optionalString(payload, "payload.card_last_four"),
        readLocation(payload),
        JsonFields.optionalString(payload, "payload.device_fingerprint"),
        JsonFields.optionalString(payload, "payload.ip_address"),
        JsonFields.optionalString(payload, "payload.channel"));
  }

  private static double readAmount(ObjectNode payload) {
    String path = "payload.amount";
    JsonNode node = payload.get("amount");
    if (JsonFields.isAbsent(node)) {
      throw new InvalidEventException(
          ErrorType.MISSING_FIELD, path, path + " is missing; expected a finite number >= 0");
    }
    double amount = finiteNumber(node, path, "a finite number >= 0");
    if (amount < 0) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD,
          path,
          path + " is " + amount + "; expected a finite number >= 0");
    }
    return amount;
  }

  private static GeoPoint readLocation(ObjectNode payload) {
    String path = "payload.geo_location";
    JsonNode node = payload.get("geo_location");
    if (JsonFields.isAbsent(node)) {
      return null;
    }
    if (!node.isObject()) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD,
          path,
          path + " is " + JsonFields.describe(node) + "; expected an object with lat and lon");
    }
    double lat = coordinate(node, "lat", 90.0);
    double lon = coordinate(node, "lon", 180.0);
    return new GeoPoint(lat, lon);
  }

  private static double coordinate(JsonNode geo, String name, double limit) {
    String path = "payload.geo_location." + name;
    String expected = "a number in [-" + (int) limit + ", " + (int) limit + "]";
    JsonNode node = geo.get(name);
    // A location without one of its coordinates is unusable, not absent: INVALID, not MISSING.
    if (JsonFields.isAbsent(node)) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD, path, path + " is missing; expected " + expected);
    }
    double value = finiteNumber(node, path, expected);
    if (value < -limit || value > limit) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD, path, path + " is " + value + "; expected " + expected);
    }
    return value;
  }

  private static double finiteNumber(JsonNode node, String path, String expected) {
    if (!node.isNumber()) {
      String what =
          node.isTextual()
              ? "the non-numeric string \"" + node.textValue() + "\""
              : JsonFields.describe(node);
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD, path, path + " is " + what + "; expected " + expected);
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD, path, path + " is " + value + "; expected " + expected);
    }
    return value;
  }
}
