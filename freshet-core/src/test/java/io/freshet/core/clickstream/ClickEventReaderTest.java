package io.freshet.core.clickstream;

import static io.freshet.core.clickstream.ClickEvents.validClickEnvelope;
import static io.freshet.core.testing.TestEvents.NOON;
import static io.freshet.core.testing.TestEvents.assertInvalid;
import static io.freshet.core.testing.TestEvents.bytes;
import static io.freshet.core.testing.TestEvents.bytesWithRawToken;
import static io.freshet.core.testing.TestEvents.payload;
import static io.freshet.core.testing.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.envelope.InvalidEventException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClickEventReaderTest {
  static final String MARKER = "__RAW__";

  final ClickEventReader reader = new ClickEventReader();

  @Test
  void fullyValidPurchaseMapsEveryField() {
    // Given a valid purchase envelope
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);

    // When it is read
    ClickEvent event = reader.read(bytes(env));

    // Then every field is mapped exactly, the price as the decimal 19.99
    assertThat(event)
        .isEqualTo(
            new ClickEvent(
                "evt-c-0001",
                NOON.toEpochMilli(),
                ClickKind.PURCHASE,
                "user-9",
                "sess-3",
                "prod-kettle",
                "kitchen",
                new BigDecimal("19.99"),
                2,
                "https://shop.example/p/kettle",
                "https://search.example/?q=kettle",
                "mobile",
                "FR"));
    assertThat(event.orderValue()).isEqualTo(new BigDecimal("39.98"));
  }

  @ParameterizedTest
  @EnumSource(ClickKind.class)
  void everyKindIsReadFromItsEnvelopeType(ClickKind kind) {
    // Given a valid envelope of each kind / When read / Then the kind is mapped
    assertThat(reader.read(bytes(validClickEnvelope(kind))).kind()).isEqualTo(kind);
  }

  @Test
  void aPageViewNeedsOnlyUserAndDevice() {
    // Given a page view carrying only event_type, user_id and device_type
    ObjectNode env = validClickEnvelope(ClickKind.PAGE_VIEW);
    payload(env).retain("event_type", "user_id", "device_type");

    // When it is read / Then every optional field is null
    assertThat(reader.read(bytes(env)))
        .isEqualTo(
            new ClickEvent(
                "evt-c-0001",
                NOON.toEpochMilli(),
                ClickKind.PAGE_VIEW,
                "user-9",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "mobile",
                null));
  }

  @Test
  void envelopeErrorsComeInTheEnvelopeOrder() {
    // Given a value that is not JSON, and one without event_id whose event_type is also wrong
    ObjectNode noId = validClickEnvelope(ClickKind.SEARCH);
    noId.remove("event_id");
    noId.put("event_type", "order.created");

    // When read / Then the first problem in the envelope's order is reported
    assertInvalid(() -> reader.read(utf8("{oops")), ErrorType.NOT_JSON, null);
    assertInvalid(() -> reader.read(bytes(noId)), ErrorType.MISSING_FIELD, "event_id");
    assertInvalid(() -> reader.read(new byte[0]), ErrorType.TOMBSTONE, null);
  }

  @Test
  void otherEventTypeIsUnsupportedListingTheFourKinds() {
    // Given a refund, which clickstream does not know
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    env.put("event_type", "clickstream.refund");

    // When it is read / Then the message names it and all four accepted types
    InvalidEventException e =
        assertInvalid(
            () -> reader.read(bytes(env)), ErrorType.UNSUPPORTED_EVENT_TYPE, "event_type");
    assertThat(e.getMessage())
        .isEqualTo(
            "event_type is \"clickstream.refund\"; expected one of \"clickstream.page_view\","
                + " \"clickstream.search\", \"clickstream.add_to_cart\", \"clickstream.purchase\"");
  }

  @Test
  void nonStringEventTypeIsInvalidFieldAsTheEnvelopeSaysSo() {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    env.put("event_type", 3);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "event_type");
  }

  @Test
  void customSizeLimitApplies() {
    ClickEventReader small = new ClickEventReader(100);
    assertInvalid(
        () -> small.read(bytes(validClickEnvelope(ClickKind.SEARCH))), ErrorType.OVERSIZED, null);
  }

  @Test
  void payloadKindDisagreeingWithTheEnvelopeIsInvalidField() {
    // Given a clickstream.purchase envelope whose payload says search
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).put("event_type", "search");

    // When it is read / Then both sides are named
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.event_type");
    assertThat(e.getMessage())
        .isEqualTo(
            "payload.event_type is \"search\" but the envelope's event_type is"
                + " \"clickstream.purchase\"; expected \"purchase\"");
  }

  @Test
  void unknownPayloadKindIsInvalidField() {
    ObjectNode env = validClickEnvelope(ClickKind.SEARCH);
    payload(env).put("event_type", "refund");
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.event_type");
    assertThat(e.getMessage())
        .isEqualTo(
            "payload.event_type is \"refund\"; expected one of page_view, search, add_to_cart,"
                + " purchase");
  }

  @Test
  void missingPayloadKindIsMissingField() {
    ObjectNode env = validClickEnvelope(ClickKind.SEARCH);
    payload(env).remove("event_type");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.event_type");
  }

  @Test
  void payloadEventIdDifferentFromTheEnvelopesIsInvalidField() {
    ObjectNode env = validClickEnvelope(ClickKind.SEARCH);
    payload(env).put("event_id", "evt-other");
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.event_id");
    assertThat(e.getMessage()).contains("evt-other").contains("evt-c-0001");
  }

  @Test
  void missingUserIdIsMissingField() {
    ObjectNode env = validClickEnvelope(ClickKind.PAGE_VIEW);
    payload(env).remove("user_id");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.user_id");
  }

  @Test
  void emptyUserIdIsMissingField() {
    ObjectNode env = validClickEnvelope(ClickKind.PAGE_VIEW);
    payload(env).put("user_id", "");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.user_id");
  }

  @Test
  void missingDeviceTypeIsMissingField() {
    ObjectNode env = validClickEnvelope(ClickKind.SEARCH);
    payload(env).remove("device_type");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.device_type");
  }

  @Test
  void purchaseWithoutPriceIsMissingField() {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).remove("price");
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.price");
    assertThat(e.getMessage()).isEqualTo("payload.price is missing; expected a finite number >= 0");
  }

  @Test
  void purchaseWithoutQuantityIsMissingField() {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).remove("quantity");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.quantity");
  }

  @Test
  void purchaseWithoutCategoryIsMissingField() {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).remove("category");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.category");
  }

  @Test
  void purchaseWithoutCountryIsMissingField() {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).putNull("geo_country");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.geo_country");
  }

  @Test
  void negativePriceIsInvalidField() {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).put("price", -0.01);
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.price");
    assertThat(e.getMessage()).isEqualTo("payload.price is -0.01; expected a finite number >= 0");
  }

  @Test
  void negativePriceOnACartEventIsInvalidTooEvenThoughItIsOptionalThere() {
    ObjectNode env = validClickEnvelope(ClickKind.ADD_TO_CART);
    payload(env).put("price", -5);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.price");
  }

  @Test
  void numericStringPriceIsInvalidField() {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).put("price", "19.99");
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.price");
    assertThat(e.getMessage()).contains("non-numeric string \"19.99\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400"})
  void nonFinitePriceTokenIsInvalidField(String token) {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).put("price", MARKER);
    byte[] value = bytesWithRawToken(env, MARKER, token);
    assertInvalid(() -> reader.read(value), ErrorType.INVALID_FIELD, "payload.price");
  }

  @Test
  void zeroPriceIsAccepted() {
    // Given a free item / When read / Then its order value is 0
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).put("price", 0);
    assertThat(reader.read(bytes(env)).orderValue()).isEqualByComparingTo("0");
  }

  @Test
  void subCentPriceIsKeptExactly() {
    // Given a price with fractions of a cent / When read / Then no digit is lost
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).put("price", 1.999);
    assertThat(reader.read(bytes(env)).price()).isEqualTo(new BigDecimal("1.999"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void quantityBelowOneIsInvalidField(int quantity) {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).put("quantity", quantity);
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.quantity");
    assertThat(e.getMessage())
        .isEqualTo("payload.quantity is " + quantity + "; expected an integer >= 1");
  }

  @Test
  void fractionalQuantityIsInvalidField() {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).put("quantity", 1.5);
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.quantity");
    assertThat(e.getMessage())
        .isEqualTo("payload.quantity is the non-integer number 1.5; expected an integer >= 1");
  }

  @Test
  void quantityWrittenAsTwoPointZeroIsInvalidField() {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).put("quantity", 2.0);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.quantity");
  }

  @Test
  void stringQuantityIsInvalidField() {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).put("quantity", "2");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.quantity");
  }

  @Test
  void quantityBeyondIntIsInvalidField() {
    ObjectNode env = validClickEnvelope(ClickKind.PURCHASE);
    payload(env).put("quantity", 3_000_000_000L);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.quantity");
  }

  @Test
  void zeroQuantityOnACartEventIsInvalidToo() {
    ObjectNode env = validClickEnvelope(ClickKind.ADD_TO_CART);
    payload(env).put("quantity", 0);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.quantity");
  }

  @Test
  void nonStringOptionalFieldIsInvalidField() {
    ObjectNode env = validClickEnvelope(ClickKind.PAGE_VIEW);
    payload(env).put("referrer", 42);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.referrer");
  }
}
