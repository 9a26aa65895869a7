package io.freshet.core.clickstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.envelope.Envelope;
import io.freshet.core.envelope.EnvelopeReader;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.envelope.JsonFields;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code clickstream.<kind>} record values into validated {@link ClickEvent}s; immutable and
 * thread-safe.
 *
 * <p>Payload rules, checked after the envelope's own:
 *
 * <ul>
 *   <li>{@code event_type} is required and must be the envelope's kind ({@code
 *       clickstream.purchase} carries {@code purchase}).
 *   <li>{@code event_id} is optional; when present it must equal the envelope's event_id.
 *   <li>{@code user_id} and {@code device_type} are required: they key sessions.
 *   <li>{@code price} (a finite number ≥ 0) and {@code quantity} (an integer ≥ 1) are required for
 *       a purchase and validated the same way whenever present on other kinds.
 *   <li>{@code category} and {@code geo_country} are required for a purchase: they key revenue.
 *   <li>Everything else is an optional string.
 * </ul>
 */
public final class ClickEventReader {
  private static final JsonFactory PEEK =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static final String EVENT_TYPES =
      Arrays.stream(ClickKind.values())
          .map(kind -> "\"" + kind.eventType() + "\"")
          .collect(Collectors.joining(", "));

  private static final String KINDS =
      Arrays.stream(ClickKind.values()).map(ClickKind::wireName).collect(Collectors.joining(", "));

  private final Map<ClickKind, EnvelopeReader> envelopes;
  private final int maxValueBytes;

  public ClickEventReader() {
    this(EnvelopeReader.DEFAULT_MAX_VALUE_BYTES);
  }

  public ClickEventReader(int maxValueBytes) {
    Map<ClickKind, EnvelopeReader> byKind = new EnumMap<>(ClickKind.class);
    for (ClickKind kind : ClickKind.values()) {
      byKind.put(kind, new EnvelopeReader(kind.eventType(), maxValueBytes));
    }
    this.envelopes = Map.copyOf(byKind);
    this.maxValueBytes = maxValueBytes;
  }

  /**
   * Parses and validates a record value.
   *
   * @throws InvalidEventException naming the first problem found
   */
  public ClickEvent read(byte[] value) {
    Envelope envelope = readEnvelope(value);
    ClickKind kind = ClickKind.fromEventType(envelope.eventType()).orElseThrow();
    ObjectNode payload = envelope.payload();
    readPayloadEventId(payload, envelope.eventId());
    readPayloadKind(payload, kind);
    String userId = JsonFields.requiredString(payload, "payload.user_id");
    String deviceType = JsonFields.requiredString(payload, "payload.device_type");
    boolean purchase = kind == ClickKind.PURCHASE;
    String category = string(payload, "payload.category", purchase);
    String geoCountry = string(payload, "payload.geo_country", purchase);
    BigDecimal price = readPrice(payload, purchase);
    Integer quantity = readQuantity(payload, purchase);
    return new ClickEvent(
        envelope.eventId(),
        envelope.timestamp(),
        kind,
        userId,
        JsonFields.optionalString(payload, "payload.session_id"),
        JsonFields.optionalString(payload, "payload.product_id"),
        category,
        price,
        quantity,
        JsonFields.optionalString(payload, "payload.page_url"),
        JsonFields.optionalString(payload, "payload.referrer"),
        deviceType,
        geoCountry);
  }

  // EnvelopeReader accepts one event type, so a cheap streaming look at event_type picks the
  // reader; whatever the look cannot resolve goes to one of them, which then reports the first
  // problem in the envelope's usual order (not JSON, missing event_id, ...).
  private Envelope readEnvelope(byte[] value) {
    String peeked = peekEventType(value);
    ClickKind kind = ClickKind.fromEventType(peeked).orElse(ClickKind.PAGE_VIEW);
    try {
      return envelopes.get(kind).read(value);
    } catch (InvalidEventException e) {
      if (e.errorType() != ErrorType.UNSUPPORTED_EVENT_TYPE) {
        throw e;
      }
      // The single reader's message names only its own type; name all four instead.
      throw new InvalidEventException(
          ErrorType.UNSUPPORTED_EVENT_TYPE,
          "event_type",
          "event_type is \"" + peeked + "\"; expected one of " + EVENT_TYPES,
          e);
    }
  }

  private String peekEventType(byte[] value) {
    if (value == null || value.length == 0 || value.length > maxValueBytes) {
      return null;
    }
    try (JsonParser parser = PEEK.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        if ("event_type".equals(name)) {
          return token == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      // Not rethrown here on purpose: the envelope reader parses the same bytes next, fails on the
      // same malformed prefix and reports it as NOT_JSON with the parser's error as the cause.
      return null;
    }
  }

  private static void readPayloadEventId(ObjectNode payload, String envelopeEventId) {
    String path = "payload.event_id";
    String eventId = JsonFields.optionalString(payload, path);
    if (eventId != null && !eventId.equals(envelopeEventId)) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD,
          path,
          path
              + " is \""
              + eventId
              + "\" but the envelope's event_id is \""
              + envelopeEventId
              + "\"; they must be equal");
    }
  }

  private static void readPayloadKind(ObjectNode payload, ClickKind envelopeKind) {
    String path = "payload.event_type";
    String name = JsonFields.requiredString(payload, path);
    ClickKind kind =
        ClickKind.fromWireName(name)
            .orElseThrow(
                () ->
                    new InvalidEventException(
                        ErrorType.INVALID_FIELD,
                        path,
                        path + " is \"" + name + "\"; expected one of " + KINDS));
    if (kind != envelopeKind) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD,
          path,
          path
              + " is \""
              + name
              + "\" but the envelope's event_type is \""
              + envelopeKind.eventType()
              + "\"; expected \""
              + envelopeKind.wireName()
              + "\"");
    }
  }

  private static String string(ObjectNode payload, String path, boolean required) {
    return required
        ? JsonFields.requiredString(payload, path)
        : JsonFields.optionalString(payload, path);
  }

  private static BigDecimal readPrice(ObjectNode payload, boolean required) {
    String path = "payload.price";
    String expected = "a finite number >= 0";
    JsonNode node = payload.get("price");
    if (JsonFields.isAbsent(node)) {
      if (required) {
        throw new InvalidEventException(
            ErrorType.MISSING_FIELD, path, path + " is missing; expected " + expected);
      }
      return null;
    }
    if (!node.isNumber()) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD, path, path + " is " + describe(node) + "; expected " + expected);
    }
    // NaN and Infinity tokens, and literals beyond the double range, parse to non-finite doubles.
    if (!Double.isFinite(node.doubleValue())) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD,
          path,
          path + " is " + node.doubleValue() + "; expected " + expected);
    }
    // A parsed double becomes the shortest decimal that round-trips, so 19.99 stays 19.99.
    BigDecimal price = node.decimalValue();
    if (price.signum() < 0) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD,
          path,
          path + " is " + price.toPlainString() + "; expected " + expected);
    }
    return price;
  }

  private static Integer readQuantity(ObjectNode payload, boolean required) {
    String path = "payload.quantity";
    String expected = "an integer >= 1";
    JsonNode node = payload.get("quantity");
    if (JsonFields.isAbsent(node)) {
      if (required) {
        throw new InvalidEventException(
            ErrorType.MISSING_FIELD, path, path + " is missing; expected " + expected);
      }
      return null;
    }
    // Integral JSON literals only: 2.0 or 1.5 units are a producer bug, not a rounding question.
    if (!node.isIntegralNumber()) {
      String what = node.isNumber() ? "the non-integer number " + node.asText() : describe(node);
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD, path, path + " is " + what + "; expected " + expected);
    }
    if (!node.canConvertToInt() || node.intValue() < 1) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD, path, path + " is " + node.asText() + "; expected " + expected);
    }
    return node.intValue();
  }

  private static String describe(JsonNode node) {
    return node.isTextual()
        ? "the non-numeric string \"" + node.textValue() + "\""
        : JsonFields.describe(node);
  }
}
