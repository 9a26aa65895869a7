package io.freshet.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.envelope.InvalidEventException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Builds valid transaction envelopes for tests to mutate, and asserts on rejections. */
public final class TestEvents {
  public static final Instant NOON = Instant.parse("2026-11-26T12:00:00.000Z");
  public static final String NOON_TEXT = "2026-11-26T12:00:00.000Z";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestEvents() {}

  /** A fresh, fully populated, valid {@code transaction.initiated} envelope. */
  public static ObjectNode validTransactionEnvelope() {
    ObjectNode env = MAPPER.createObjectNode();
    env.put("event_id", "evt-0001");
    env.put("event_type", "transaction.initiated");
    env.put("timestamp", NOON_TEXT);
    env.put("source", "card-gateway");
    env.put("partition_key", "cust-42");
    ObjectNode payload = env.putObject("payload");
    payload.put("transaction_id", "txn-0001");
    payload.put("customer_id", "cust-42");
    payload.put("amount", 129.99);
    payload.put("currency", "EUR");
    payload.put("merchant_id", "merch-77");
    payload.put("merchant_category", "5411");
    payload.put("card_last_four", "4242");
    ObjectNode geo = payload.putObject("geo_location");
    geo.put("lat", 48.8566);
    geo.put("lon", 2.3522);
    payload.put("device_fingerprint", "fp-abc123");
    payload.put("ip_address", "203.0.113.7");
    payload.put("channel", "online");
    ObjectNode metadata = env.putObject("metadata");
    metadata.put("schema_version", "2.0");
    metadata.put("correlation_id", "corr-1");
    metadata.put("trace_id", "trace-1");
    return env;
  }

  /** The payload object of an envelope, for in-place mutation. */
  public static ObjectNode payload(ObjectNode envelope) {
    return (ObjectNode) envelope.get("payload");
  }

  /** The geo_location object of an envelope's payload, for in-place mutation. */
  public static ObjectNode geo(ObjectNode envelope) {
    return (ObjectNode) payload(envelope).get("geo_location");
  }

  public static byte[] bytes(JsonNode json) {
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Serialises the envelope with the string value {@code marker} replaced by a raw JSON token, for
   * tokens Jackson would not write itself (NaN, Infinity).
   */
  public static byte[] bytesWithRawToken(ObjectNode envelope, String marker, String rawToken) {
    String json = new String(bytes(envelope), StandardCharsets.UTF_8);
    String quoted = "\"" + marker + "\"";
    assertThat(json).contains(quoted);
    return json.replace(quoted, rawToken).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Asserts that the call throws an {@link InvalidEventException} of the given type and field, with
   * a message naming the field, and returns it for further assertions.
   */
  public static InvalidEventException assertInvalid(
      ThrowingCallable call, ErrorType errorType, String field) {
    InvalidEventException e = catchThrowableOfType(InvalidEventException.class, call);
    assertThat(e).as("expected an InvalidEventException").isNotNull();
    assertThat(e.errorType()).isEqualTo(errorType);
    assertThat(e.field()).isEqualTo(field);
    if (field != null) {
      assertThat(e.getMessage()).contains(field);
    }
    return e;
  }
}
