package io.freshet.testkit.fraud;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fluent builder of one {@code transaction.initiated} envelope, valid by default, with {@link
 * #with} and {@link #without} to break any field on purpose.
 */
public final class TransactionEnvelopeBuilder {
  public static final String EVENT_TYPE = "transaction.initiated";
  public static final String SCHEMA_VERSION = "2.1";

  // Shared and never reconfigured after construction, so it is safe as a constant.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private String eventId;
  private String eventType = EVENT_TYPE;
  private String timestamp = Instants.iso(Instants.T0);
  private String source = "card-gateway";
  private String transactionId = "txn-1";
  private String customerId = "cust-1";
  private BigDecimal amount = new BigDecimal("50.00");
  private String currency = "USD";
  private String merchantId = "m-00001";
  private String merchantCategory = "grocery";
  private String cardLastFour = "4242";
  private Double lat = 40.7128;
  private Double lon = -74.006;
  private String deviceFingerprint = "dev-0001";
  private String ipAddress = "10.0.0.1";
  private String channel = "pos";
  private String schemaVersion = SCHEMA_VERSION;
  private String correlationId;
  private String traceId;
  // Applied after the fields above, in call order, so a test can break exactly one thing.
  private final List<Edit> edits = new ArrayList<>();

  private record Edit(String path, String rawJson) {}

  /** A builder for a valid transaction of {@code cust-1} at {@link Instants#T0} in New York. */
  public static TransactionEnvelopeBuilder transaction() {
    return new TransactionEnvelopeBuilder();
  }

  /** A builder for transaction {@code transactionId} of {@code customerId} at {@code at}. */
  public static TransactionEnvelopeBuilder transaction(
      String transactionId, String customerId, Instant at) {
    return new TransactionEnvelopeBuilder()
        .transactionId(transactionId)
        .customer(customerId)
        .at(at);
  }

  /** An independent builder with the same state. */
  public TransactionEnvelopeBuilder copy() {
    TransactionEnvelopeBuilder b = new TransactionEnvelopeBuilder();
    b.eventId = eventId;
    b.eventType = eventType;
    b.timestamp = timestamp;
    b.source = source;
    b.transactionId = transactionId;
    b.customerId = customerId;
    b.amount = amount;
    b.currency = currency;
    b.merchantId = merchantId;
    b.merchantCategory = merchantCategory;
    b.cardLastFour = cardLastFour;
    b.lat = lat;
    b.lon = lon;
    b.deviceFingerprint = deviceFingerprint;
    b.ipAddress = ipAddress;
    b.channel = channel;
    b.schemaVersion = schemaVersion;
    b.correlationId = correlationId;
    b.traceId = traceId;
    b.edits.addAll(edits);
    return b;
  }

  /** Sets event_id; without it the event_id is {@code evt-<transaction_id>}. */
  public TransactionEnvelopeBuilder eventId(String eventId) {
    this.eventId = eventId;
    return this;
  }

  public TransactionEnvelopeBuilder eventType(String eventType) {
    this.eventType = eventType;
    return this;
  }

  public TransactionEnvelopeBuilder source(String source) {
    this.source = source;
    return this;
  }

  public TransactionEnvelopeBuilder transactionId(String transactionId) {
    this.transactionId = transactionId;
    return this;
  }

  /** Sets payload.customer_id and partition_key, which is also the Kafka key. */
  public TransactionEnvelopeBuilder customer(String customerId) {
    this.customerId = customerId;
    return this;
  }

  /** Sets the event time, written with millisecond precision. */
  public TransactionEnvelopeBuilder at(Instant eventTime) {
    this.timestamp = Instants.iso(eventTime);
    return this;
  }

  /** Sets the timestamp text verbatim, e.g. to write a malformed one. */
  public TransactionEnvelopeBuilder timestamp(String rawTimestamp) {
    this.timestamp = rawTimestamp;
    return this;
  }

  /** Sets payload.geo_location. */
  public TransactionEnvelopeBuilder at(double lat, double lon) {
    this.lat = lat;
    this.lon = lon;
    return this;
  }

  /** Leaves payload.geo_location out, as events from channels without geo do. */
  public TransactionEnvelopeBuilder noGeo() {
    this.lat = null;
    this.lon = null;
    return this;
  }

  public TransactionEnvelopeBuilder amount(double amount) {
    this.amount = BigDecimal.valueOf(amount);
    return this;
  }

  /** Sets the amount as written, e.g. {@code new BigDecimal("300.01")}. */
  public TransactionEnvelopeBuilder amount(BigDecimal amount) {
    this.amount = Objects.requireNonNull(amount, "amount");
    return this;
  }

  /** Sets the amount from minor units, written with two decimals. */
  public TransactionEnvelopeBuilder amountCents(long cents) {
    this.amount = BigDecimal.valueOf(cents, 2);
    return this;
  }

  public TransactionEnvelopeBuilder currency(String currency) {
    this.currency = currency;
    return this;
  }

  public TransactionEnvelopeBuilder merchant(String merchantId, String merchantCategory) {
    this.merchantId = merchantId;
    this.merchantCategory = merchantCategory;
    return this;
  }

  public TransactionEnvelopeBuilder cardLastFour(String cardLastFour) {
    this.cardLastFour = cardLastFour;
    return this;
  }

  public TransactionEnvelopeBuilder deviceFingerprint(String deviceFingerprint) {
    this.deviceFingerprint = deviceFingerprint;
    return this;
  }

  public TransactionEnvelopeBuilder ipAddress(String ipAddress) {
    this.ipAddress = ipAddress;
    return this;
  }

  public TransactionEnvelopeBuilder channel(String channel) {
    this.channel = channel;
    return this;
  }

  public TransactionEnvelopeBuilder schemaVersion(String schemaVersion) {
    this.schemaVersion = schemaVersion;
    return this;
  }

  public TransactionEnvelopeBuilder correlationId(String correlationId) {
    this.correlationId = correlationId;
    return this;
  }

  public TransactionEnvelopeBuilder traceId(String traceId) {
    this.traceId = traceId;
    return this;
  }

  /** Removes the field at a dotted path such as {@code payload.amount}. */
  public TransactionEnvelopeBuilder without(String path) {
    edits.add(new Edit(requirePath(path), null));
    return this;
  }

  /**
   * Puts raw JSON text at a dotted path, creating missing parents; the text is written verbatim, so
   * {@code "\"abc\""}, {@code "NaN"} or {@code "-5"} all work.
   */
  public TransactionEnvelopeBuilder with(String path, String rawJson) {
    edits.add(new Edit(requirePath(path), Objects.requireNonNull(rawJson, "rawJson")));
    return this;
  }

  /** The Kafka key: the customer id. */
  public String key() {
    return customerId;
  }

  public String transactionId() {
    return transactionId;
  }

  /** The event_id the envelope will carry (unless removed with {@link #without}). */
  public String eventId() {
    return eventId != null ? eventId : "evt-" + transactionId;
  }

  /** The envelope as compact JSON text on one line. */
  public String build() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("event_id", eventId());
    root.put("event_type", eventType);
    root.put("timestamp", timestamp);
    root.put("source", source);
    root.put("partition_key", customerId);
    ObjectNode payload = root.putObject("payload");
    payload.put("transaction_id", transactionId);
    payload.put("customer_id", customerId);
    payload.put("amount", amount);
    payload.put("currency", currency);
    payload.put("merchant_id", merchantId);
    payload.put("merchant_category", merchantCategory);
    payload.put("card_last_four", cardLastFour);
    if (lat != null && lon != null) {
      ObjectNode geo = payload.putObject("geo_location");
      geo.put("lat", lat);
      geo.put("lon", lon);
    }
    payload.put("device_fingerprint", deviceFingerprint);
    payload.put("ip_address", ipAddress);
    payload.put("channel", channel);
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("schema_version", schemaVersion);
    metadata.put("correlation_id", correlationId != null ? correlationId : "corr-" + transactionId);
    metadata.put("trace_id", traceId != null ? traceId : "trace-" + transactionId);
    for (Edit edit : edits) {
      apply(root, edit);
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise envelope", e);
    }
  }

  /** {@link #build()} as UTF-8 bytes, the Kafka record value. */
  public byte[] bytes() {
    if (!edits.isEmpty()) {
      return build().getBytes(StandardCharsets.UTF_8);
    }
    // Without edits, the same bytes as build() written straight out: generating millions of
    // envelopes for the bench would otherwise spend most of its time on the tree.
    ByteArrayOutputStream out = new ByteArrayOutputStream(640);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("event_id", eventId());
      g.writeStringField("event_type", eventType);
      g.writeStringField("timestamp", timestamp);
      g.writeStringField("source", source);
      g.writeStringField("partition_key", customerId);
      g.writeObjectFieldStart("payload");
      g.writeStringField("transaction_id", transactionId);
      g.writeStringField("customer_id", customerId);
      g.writeFieldName("amount");
      if (amount == null) {
        g.writeNull();
      } else {
        g.writeNumber(amount);
      }
      g.writeStringField("currency", currency);
      g.writeStringField("merchant_id", merchantId);
      g.writeStringField("merchant_category", merchantCategory);
      g.writeStringField("card_last_four", cardLastFour);
      if (lat != null && lon != null) {
        g.writeObjectFieldStart("geo_location");
        g.writeNumberField("lat", lat);
        g.writeNumberField("lon", lon);
        g.writeEndObject();
      }
      g.writeStringField("device_fingerprint", deviceFingerprint);
      g.writeStringField("ip_address", ipAddress);
      g.writeStringField("channel", channel);
      g.writeEndObject();
      g.writeObjectFieldStart("metadata");
      g.writeStringField("schema_version", schemaVersion);
      g.writeStringField(
          "correlation_id", correlationId != null ? correlationId : "corr-" + transactionId);
      g.writeStringField("trace_id", traceId != null ? traceId : "trace-" + transactionId);
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise envelope", e);
    }
    return out.toByteArray();
  }

  private static void apply(ObjectNode root, Edit edit) {
    String[] parts = edit.path().split("\\.");
    ObjectNode parent = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = parent.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        if (edit.rawJson() == null) {
          return;
        }
        child = parent.putObject(parts[i]);
      }
      parent = (ObjectNode) child;
    }
    String leaf = parts[parts.length - 1];
    if (edit.rawJson() == null) {
      parent.remove(leaf);
    } else {
      parent.putRawValue(leaf, new RawValue(edit.rawJson()));
    }
  }

  private static String requirePath(String path) {
    if (path == null || path.isBlank() || path.startsWith(".") || path.endsWith(".")) {
      throw new IllegalArgumentException("not a dotted field path: " + path);
    }
    return path;
  }
}
