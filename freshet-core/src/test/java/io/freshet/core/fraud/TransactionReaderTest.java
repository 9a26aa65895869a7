package io.freshet.core.fraud;

import static io.freshet.core.testing.TestEvents.NOON;
import static io.freshet.core.testing.TestEvents.assertInvalid;
import static io.freshet.core.testing.TestEvents.bytes;
import static io.freshet.core.testing.TestEvents.bytesWithRawToken;
import static io.freshet.core.testing.TestEvents.geo;
import static io.freshet.core.testing.TestEvents.payload;
import static io.freshet.core.testing.TestEvents.utf8;
import static io.freshet.core.testing.TestEvents.validTransactionEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.geo.GeoPoint;
import org.junit.jupiter.api.Test;

class TransactionReaderTest {
  static final String AMOUNT_MARKER = "__RAW_AMOUNT__";

  final TransactionReader reader = new TransactionReader();

  @Test
  void fullyValidEnvelopeMapsEveryTransactionField() {
    // Given a valid transaction envelope
    ObjectNode env = validTransactionEnvelope();

    // When it is read
    Transaction txn = reader.read(bytes(env));

    // Then every field is mapped exactly
    assertThat(txn)
        .isEqualTo(
            new Transaction(
                "evt-0001",
                NOON.toEpochMilli(),
                "txn-0001",
                "cust-42",
                129.99,
                "EUR",
                "merch-77",
                "5411",
                "4242",
                new GeoPoint(48.8566, 2.3522),
                "fp-abc123",
                "203.0.113.7",
                "online"));
  }

  @Test
  void optionalPayloadFieldsAreNullWhenAbsent() {
    // Given a valid envelope whose payload has only the required fields
    ObjectNode env = validTransactionEnvelope();
    payload(env).retain("transaction_id", "customer_id", "amount").put("amount", 10);

    // When it is read
    Transaction txn = reader.read(bytes(env));

    // Then the optional fields are null and the integer amount is read as a double
    assertThat(txn)
        .isEqualTo(
            new Transaction(
                "evt-0001",
                NOON.toEpochMilli(),
                "txn-0001",
                "cust-42",
                10.0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
  }

  @Test
  void envelopeErrorsPropagate() {
    // Given a value that is not JSON / When read / Then the envelope's NOT_JSON surfaces
    assertInvalid(() -> reader.read(utf8("{oops")), ErrorType.NOT_JSON, null);
  }

  @Test
  void otherEventTypeIsUnsupported() {
    ObjectNode env = validTransactionEnvelope();
    env.put("event_type", "customer.created");
    InvalidEventException e =
        assertInvalid(
            () -> reader.read(bytes(env)), ErrorType.UNSUPPORTED_EVENT_TYPE, "event_type");
    assertThat(e.getMessage()).contains("customer.created").contains("transaction.initiated");
  }

  @Test
  void customSizeLimitApplies() {
    // Given a reader limited to 100 bytes and a valid envelope larger than that
    TransactionReader small = new TransactionReader(100);
    byte[] value = bytes(validTransactionEnvelope());

    // When it is read / Then it is oversized
    assertInvalid(() -> small.read(value), ErrorType.OVERSIZED, null);
  }

  @Test
  void missingTransactionIdIsMissingField() {
    // Given a valid transaction envelope
    ObjectNode env = validTransactionEnvelope();
    // When transaction_id is removed
    payload(env).remove("transaction_id");
    // Then it is rejected naming payload.transaction_id
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.transaction_id");
  }

  @Test
  void emptyTransactionIdIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("transaction_id", "");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.transaction_id");
  }

  @Test
  void nonStringTransactionIdIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("transaction_id", 1234);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.transaction_id");
  }

  @Test
  void missingCustomerIdIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).remove("customer_id");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.customer_id");
  }

  @Test
  void emptyCustomerIdIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("customer_id", "");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.customer_id");
  }

  @Test
  void missingAmountIsMissingField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).remove("amount");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.amount");
  }

  @Test
  void numericStringAmountIsInvalidField() {
    // Given a valid envelope whose amount is the string "12.5"
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("amount", "12.5");

    // When it is read / Then it is rejected as non-numeric
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.amount");
    assertThat(e.getMessage()).contains("non-numeric").contains("12.5");
  }

  @Test
  void nanStringAmountIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("amount", "NaN");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.amount");
  }

  @Test
  void booleanAmountIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("amount", true);
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.amount");
    assertThat(e.getMessage()).contains("a boolean");
  }

  @Test
  void nanTokenAmountIsInvalidField() {
    // Given a valid envelope whose amount is the bare token NaN
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("amount", AMOUNT_MARKER);
    byte[] value = bytesWithRawToken(env, AMOUNT_MARKER, "NaN");

    // When it is read / Then the field is reported, not the JSON as a whole
    InvalidEventException e =
        assertInvalid(() -> reader.read(value), ErrorType.INVALID_FIELD, "payload.amount");
    assertThat(e.getMessage()).isEqualTo("payload.amount is NaN; expected a finite number >= 0");
  }

  @Test
  void infinityTokenAmountIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("amount", AMOUNT_MARKER);
    byte[] value = bytesWithRawToken(env, AMOUNT_MARKER, "Infinity");
    assertInvalid(() -> reader.read(value), ErrorType.INVALID_FIELD, "payload.amount");
  }

  @Test
  void negativeInfinityTokenAmountIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("amount", AMOUNT_MARKER);
    byte[] value = bytesWithRawToken(env, AMOUNT_MARKER, "-Infinity");
    assertInvalid(() -> reader.read(value), ErrorType.INVALID_FIELD, "payload.amount");
  }

  @Test
  void amountOverflowingDoubleIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("amount", AMOUNT_MARKER);
    byte[] value = bytesWithRawToken(env, AMOUNT_MARKER, "1e400");
    assertInvalid(() -> reader.read(value), ErrorType.INVALID_FIELD, "payload.amount");
  }

  @Test
  void negativeAmountIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("amount", -0.01);
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.amount");
    assertThat(e.getMessage()).contains("-0.01");
  }

  @Test
  void zeroAmountIsAccepted() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("amount", 0);
    assertThat(reader.read(bytes(env)).amount()).isEqualTo(0.0);
  }

  @Test
  void latitudeJustAbove90IsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    geo(env).put("lat", 90.0001);
    assertInvalid(
        () -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.geo_location.lat");
  }

  @Test
  void latitudeJustBelowMinus90IsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    geo(env).put("lat", -90.0001);
    assertInvalid(
        () -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.geo_location.lat");
  }

  @Test
  void longitudeJustAbove180IsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    geo(env).put("lon", 180.0001);
    assertInvalid(
        () -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.geo_location.lon");
  }

  @Test
  void longitudeJustBelowMinus180IsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    geo(env).put("lon", -180.0001);
    assertInvalid(
        () -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.geo_location.lon");
  }

  @Test
  void latitudeExactly90IsAccepted() {
    ObjectNode env = validTransactionEnvelope();
    geo(env).put("lat", 90.0);
    assertThat(reader.read(bytes(env)).location()).isEqualTo(new GeoPoint(90.0, 2.3522));
  }

  @Test
  void latitudeExactlyMinus90IsAccepted() {
    ObjectNode env = validTransactionEnvelope();
    geo(env).put("lat", -90.0);
    assertThat(reader.read(bytes(env)).location()).isEqualTo(new GeoPoint(-90.0, 2.3522));
  }

  @Test
  void longitudeExactly180IsAccepted() {
    ObjectNode env = validTransactionEnvelope();
    geo(env).put("lon", 180.0);
    assertThat(reader.read(bytes(env)).location()).isEqualTo(new GeoPoint(48.8566, 180.0));
  }

  @Test
  void longitudeExactlyMinus180IsAccepted() {
    ObjectNode env = validTransactionEnvelope();
    geo(env).put("lon", -180.0);
    assertThat(reader.read(bytes(env)).location()).isEqualTo(new GeoPoint(48.8566, -180.0));
  }

  @Test
  void missingLatitudeInPresentLocationIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    geo(env).remove("lat");
    assertInvalid(
        () -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.geo_location.lat");
  }

  @Test
  void missingLongitudeInPresentLocationIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    geo(env).remove("lon");
    assertInvalid(
        () -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.geo_location.lon");
  }

  @Test
  void stringLatitudeIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    geo(env).put("lat", "48.8566");
    assertInvalid(
        () -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.geo_location.lat");
  }

  @Test
  void nonObjectLocationIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("geo_location", "48.8566,2.3522");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.geo_location");
  }

  @Test
  void nullLocationMeansNoLocation() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).putNull("geo_location");
    assertThat(reader.read(bytes(env)).location()).isNull();
  }

  @Test
  void nonStringOptionalFieldIsInvalidField() {
    ObjectNode env = validTransactionEnvelope();
    payload(env).put("currency", 978);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.currency");
  }
}
