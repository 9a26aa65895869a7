package io.freshet.core.fraud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.time.Timestamps;
import java.io.UncheckedIOException;

/** Writes a transaction as the {@code transaction.initiated} JSON envelope (schema 2.1). */
public final class TransactionWriter {
  /** The schema version this writer produces. */
  public static final String SCHEMA_VERSION = "2.1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TransactionWriter() {}

  /**
   * Encodes {@code txn}; the envelope's partition_key is the customer id, which is also the Kafka
   * key, so one customer's transactions stay in order on one partition.
   */
  public static byte[] write(Transaction txn, String source, String correlationId, String traceId) {
    ObjectNode envelope = MAPPER.createObjectNode();
    envelope.put("event_id", txn.eventId());
    envelope.put("event_type", TransactionReader.EVENT_TYPE);
    envelope.put("timestamp", Timestamps.format(txn.eventTime()));
    envelope.put("source", source);
    envelope.put("partition_key", txn.customerId());
    ObjectNode payload = envelope.putObject("payload");
    payload.put("transaction_id", txn.transactionId());
    payload.put("customer_id", txn.customerId());
    payload.put("amount", txn.amount());
    putIfPresent(payload, "currency", txn.currency());
    putIfPresent(payload, "merchant_id", txn.merchantId());
    putIfPresent(payload, "merchant_category", txn.merchantCategory());
    putIfPresent(payload, "card_last_four", txn.cardLastFour());
    if (txn.location() != null) {
      ObjectNode geo = payload.putObject("geo_location");
      geo.put("lat", txn.location().lat());
      geo.put("lon", txn.location().lon());
    }
    putIfPresent(payload, "device_fingerprint", txn.deviceFingerprint());
    putIfPresent(payload, "ip_address", txn.ipAddress());
    putIfPresent(payload, "channel", txn.channel());
    ObjectNode metadata = envelope.putObject("metadata");
    metadata.put("schema_version", SCHEMA_VERSION);
    putIfPresent(metadata, "correlation_id", correlationId);
    putIfPresent(metadata, "trace_id", traceId);
    try {
      return MAPPER.writeValueAsBytes(envelope);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode transaction " + txn.transactionId(), e);
    }
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
