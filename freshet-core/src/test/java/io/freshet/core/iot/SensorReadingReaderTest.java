package io.freshet.core.iot;

import static io.freshet.core.iot.SensorEvents.validSensorEnvelope;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SensorReadingReaderTest {
  static final String VALUE_MARKER = "__RAW_VALUE__";

  final SensorReadingReader reader = new SensorReadingReader();

  @Test
  void fullyValidEnvelopeMapsEveryField() {
    // Given a valid sensor envelope
    ObjectNode env = validSensorEnvelope();

    // When it is read
    SensorReading reading = reader.read(bytes(env));

    // Then every field is mapped exactly
    assertThat(reading)
        .isEqualTo(
            new SensorReading(
                "evt-s-0001",
                NOON.toEpochMilli(),
                "press-7",
                "lyon",
                "line-2",
                SensorType.TEMPERATURE,
                71.5,
                "\u00b0C"));
  }

  @Test
  void descriptiveFieldsAreNullWhenAbsent() {
    // Given a payload with only device_id, sensor_type and an integer value
    ObjectNode env = validSensorEnvelope();
    payload(env).retain("device_id", "sensor_type", "value").put("value", -12);

    // When it is read
    SensorReading reading = reader.read(bytes(env));

    // Then site, line and unit are null and the negative integer is read as a double
    assertThat(reading)
        .isEqualTo(
            new SensorReading(
                "evt-s-0001",
                NOON.toEpochMilli(),
                "press-7",
                null,
                null,
                SensorType.TEMPERATURE,
                -12.0,
                null));
  }

  @ParameterizedTest
  @EnumSource(SensorType.class)
  void everySensorTypeIsAccepted(SensorType type) {
    // Given an envelope carrying the type's wire name
    ObjectNode env = validSensorEnvelope();
    payload(env).put("sensor_type", type.wireName());

    // When it is read / Then the type is mapped
    assertThat(reader.read(bytes(env)).sensorType()).isEqualTo(type);
  }

  @Test
  void envelopeErrorsPropagate() {
    // Given a value that is not JSON / When read / Then the envelope's NOT_JSON surfaces
    assertInvalid(() -> reader.read(utf8("{oops")), ErrorType.NOT_JSON, null);
  }

  @Test
  void otherEventTypeIsUnsupported() {
    // Given a transaction event on the sensor topic
    ObjectNode env = validSensorEnvelope();
    env.put("event_type", "transaction.initiated");

    // When it is read / Then it is rejected naming both types
    InvalidEventException e =
        assertInvalid(
            () -> reader.read(bytes(env)), ErrorType.UNSUPPORTED_EVENT_TYPE, "event_type");
    assertThat(e.getMessage()).contains("transaction.initiated").contains("sensor.reading");
  }

  @Test
  void customSizeLimitApplies() {
    // Given a reader limited to 100 bytes and a larger valid envelope / When read / Then oversized
    SensorReadingReader small = new SensorReadingReader(100);
    assertInvalid(() -> small.read(bytes(validSensorEnvelope())), ErrorType.OVERSIZED, null);
  }

  @Test
  void missingDeviceIdIsMissingField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).remove("device_id");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.device_id");
  }

  @Test
  void blankDeviceIdIsMissingField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).put("device_id", "  ");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.device_id");
  }

  @Test
  void numericDeviceIdIsInvalidField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).put("device_id", 7);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.device_id");
  }

  @Test
  void missingSensorTypeIsMissingField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).remove("sensor_type");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.sensor_type");
  }

  @Test
  void unknownSensorTypeIsInvalidFieldListingTheKnownOnes() {
    // Given a sensor type the platform does not know
    ObjectNode env = validSensorEnvelope();
    payload(env).put("sensor_type", "voltage");

    // When it is read / Then the message names the value and the five accepted ones
    InvalidEventException e =
        assertInvalid(
            () -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.sensor_type");
    assertThat(e.getMessage())
        .isEqualTo(
            "payload.sensor_type is \"voltage\"; expected one of temperature, pressure,"
                + " vibration, humidity, power");
  }

  @Test
  void uppercaseSensorTypeIsInvalidField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).put("sensor_type", "TEMPERATURE");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.sensor_type");
  }

  @Test
  void nonStringSensorTypeIsInvalidField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).put("sensor_type", 1);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.sensor_type");
  }

  @Test
  void missingValueIsMissingField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).remove("value");
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.value");
    assertThat(e.getMessage()).isEqualTo("payload.value is missing; expected a finite number");
  }

  @Test
  void nullValueIsMissingField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).putNull("value");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.MISSING_FIELD, "payload.value");
  }

  @Test
  void numericStringValueIsInvalidField() {
    // Given a value sent as the string "71.5"
    ObjectNode env = validSensorEnvelope();
    payload(env).put("value", "71.5");

    // When it is read / Then it is rejected as a non-numeric string
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.value");
    assertThat(e.getMessage())
        .isEqualTo("payload.value is the non-numeric string \"71.5\"; expected a finite number");
  }

  @Test
  void nanStringValueIsInvalidField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).put("value", "NaN");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.value");
  }

  @Test
  void booleanValueIsInvalidField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).put("value", false);
    InvalidEventException e =
        assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.value");
    assertThat(e.getMessage()).isEqualTo("payload.value is a boolean; expected a finite number");
  }

  @Test
  void objectValueIsInvalidField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).putObject("value").put("celsius", 71.5);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400", "-1e400"})
  void nonFiniteValueTokenIsInvalidField(String token) {
    // Given a value written as a raw non-finite token
    ObjectNode env = validSensorEnvelope();
    payload(env).put("value", VALUE_MARKER);
    byte[] value = bytesWithRawToken(env, VALUE_MARKER, token);

    // When it is read / Then the field is reported, not the JSON as a whole
    InvalidEventException e =
        assertInvalid(() -> reader.read(value), ErrorType.INVALID_FIELD, "payload.value");
    assertThat(e.getMessage()).endsWith("; expected a finite number");
  }

  @Test
  void nanTokenValueMessageNamesNaN() {
    ObjectNode env = validSensorEnvelope();
    payload(env).put("value", VALUE_MARKER);
    byte[] value = bytesWithRawToken(env, VALUE_MARKER, "NaN");
    InvalidEventException e =
        assertInvalid(() -> reader.read(value), ErrorType.INVALID_FIELD, "payload.value");
    assertThat(e.getMessage()).isEqualTo("payload.value is NaN; expected a finite number");
  }

  @Test
  void zeroAndNegativeValuesAreAccepted() {
    // Given readings of 0 and -40.25 / When read / Then they are kept as they are
    ObjectNode zero = validSensorEnvelope();
    payload(zero).put("value", 0);
    ObjectNode negative = validSensorEnvelope();
    payload(negative).put("value", -40.25);

    assertThat(reader.read(bytes(zero)).value()).isEqualTo(0.0);
    assertThat(reader.read(bytes(negative)).value()).isEqualTo(-40.25);
  }

  @Test
  void nonStringSiteIsInvalidField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).put("site", 3);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.site");
  }

  @Test
  void nonStringLineIsInvalidField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).put("line", 2);
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.line");
  }

  @Test
  void nonStringUnitIsInvalidField() {
    ObjectNode env = validSensorEnvelope();
    payload(env).putArray("unit").add("C");
    assertInvalid(() -> reader.read(bytes(env)), ErrorType.INVALID_FIELD, "payload.unit");
  }
}
