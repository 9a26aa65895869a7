package io.freshet.core.fraud;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.envelope.Envelope;
import io.freshet.core.envelope.EnvelopeReader;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.envelope.JsonFields;
import io.freshet.core.envelope.StreamingFields;
import io.freshet.core.envelope.StreamingPayloadReader;
import io.freshet.core.geo.GeoPoint;
import java.io.IOException;

/** Reads {@code transaction.initiated} record values into validated {@link Transaction}s. */
public final class TransactionReader {
  /** The only event type this reader accepts. */
  public static final String EVENT_TYPE = "transaction.initiated";

  private static final StreamingPayload PAYLOAD = new StreamingPayload();

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
    return envelopes.read(value, PAYLOAD);
  }

  /** The reference path on its own, for tests that compare it with the streaming one. */
  Transaction readTree(byte[] value) {
    return fromEnvelope(envelopes.read(value));
  }

  private static Transaction fromEnvelope(Envelope envelope) {
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

  /**
   * The payload fields of a transaction read on the streaming path; a field repeated in the JSON
   * keeps its last value, as in the tree.
   */
  private static final class Payload {
    String transactionId;
    String customerId;
    boolean hasAmount;
    double amount;
    String currency;
    String merchantId;
    String merchantCategory;
    String cardLastFour;
    GeoPoint location;
    String deviceFingerprint;
    String ipAddress;
    String channel;
  }

  /** Streams a payload, accepting exactly what {@link #fromEnvelope} accepts, or returns null. */
  private static final class StreamingPayload
      implements StreamingPayloadReader<Payload, Transaction> {

    @Override
    public Payload readPayload(JsonParser parser) throws IOException {
      Payload p = new Payload();
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken token = parser.nextToken();
        if (!readField(parser, name, token, p)) {
          return null;
        }
      }
      boolean complete = p.transactionId != null && p.customerId != null && p.hasAmount;
      return complete ? p : null;
    }

    /** Reads one payload field into {@code p}; false when the tree would reject its value. */
    private static boolean readField(JsonParser parser, String name, JsonToken token, Payload p)
        throws IOException {
      switch (name) {
        case "transaction_id" -> {
          p.transactionId = StreamingFields.nonBlankString(parser, token);
          return p.transactionId != null;
        }
        case "customer_id" -> {
          p.customerId = StreamingFields.nonBlankString(parser, token);
          return p.customerId != null;
        }
        case "amount" -> {
          p.amount = StreamingFields.finiteNumber(parser, token);
          p.hasAmount = true;
          // NaN, for a value that is not a finite number, fails this test too.
          return p.amount >= 0;
        }
        case "geo_location" -> {
          if (token == JsonToken.VALUE_NULL) {
            p.location = null;
            return true;
          }
          p.location = token == JsonToken.START_OBJECT ? readLocation(parser) : null;
          return p.location != null;
        }
        case "currency",
            "merchant_id",
            "merchant_category",
            "card_last_four",
            "device_fingerprint",
            "ip_address",
            "channel" -> {
          if (!StreamingFields.isOptionalString(token)) {
            return false;
          }
          setOptional(p, name, StreamingFields.textOrNull(parser, token));
          return true;
        }
        default -> {
          StreamingFields.skipValue(parser);
          return true;
        }
      }
    }

    private static void setOptional(Payload p, String name, String value) {
      switch (name) {
        case "currency" -> p.currency = value;
        case "merchant_id" -> p.merchantId = value;
        case "merchant_category" -> p.merchantCategory = value;
        case "card_last_four" -> p.cardLastFour = value;
        case "device_fingerprint" -> p.deviceFingerprint = value;
        case "ip_address" -> p.ipAddress = value;
        case "channel" -> p.channel = value;
        default -> throw new IllegalArgumentException("not an optional payload field: " + name);
      }
    }

    /** The location of a geo_location object with both coordinates in range, or null. */
    private static GeoPoint readLocation(JsonParser parser) throws IOException {
      // NaN marks a coordinate not (yet) read; a missing one is INVALID_FIELD in the tree.
      double lat = Double.NaN;
      double lon = Double.NaN;
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken token = parser.nextToken();
        switch (name) {
          case "lat" -> {
            lat = inRange(StreamingFields.finiteNumber(parser, token), 90.0);
            if (Double.isNaN(lat)) {
              return null;
            }
          }
          case "lon" -> {
            lon = inRange(StreamingFields.finiteNumber(parser, token), 180.0);
            if (Double.isNaN(lon)) {
              return null;
            }
          }
          default -> StreamingFields.skipValue(parser);
        }
      }
      return Double.isNaN(lat) || Double.isNaN(lon) ? null : new GeoPoint(lat, lon);
    }

    private static double inRange(double value, double limit) {
      return value >= -limit && value <= limit ? value : Double.NaN;
    }

    @Override
    public Transaction build(String eventId, long timestamp, Payload p) {
      return new Transaction(
          eventId,
          timestamp,
          p.transactionId,
          p.customerId,
          p.amount,
          p.currency,
          p.merchantId,
          p.merchantCategory,
          p.cardLastFour,
          p.location,
          p.deviceFingerprint,
          p.ipAddress,
          p.channel);
    }

    @Override
    public Transaction fromEnvelope(Envelope envelope) {
      return TransactionReader.fromEnvelope(envelope);
    }
  }
}
