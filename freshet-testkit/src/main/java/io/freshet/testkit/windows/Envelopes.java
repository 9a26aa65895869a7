package io.freshet.testkit.windows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Builds event envelopes (schema 2.1) with the testkit's own JSON code. */
public final class Envelopes {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter MILLIS_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Envelopes() {}

  /** An envelope with its identity fields set and an empty payload to fill in. */
  public static ObjectNode envelope(
      String eventId, String eventType, long eventTime, String source, String partitionKey) {
    ObjectNode envelope = MAPPER.createObjectNode();
    envelope.put("event_id", eventId);
    envelope.put("event_type", eventType);
    envelope.put("timestamp", iso(eventTime));
    envelope.put("source", source);
    envelope.put("partition_key", partitionKey);
    envelope.putObject("payload");
    envelope.putObject("metadata").put("schema_version", "2.1");
    return envelope;
  }

  /** The envelope's payload object. */
  public static ObjectNode payload(ObjectNode envelope) {
    return (ObjectNode) envelope.get("payload");
  }

  /** The envelope as UTF-8 JSON. */
  public static byte[] bytes(ObjectNode envelope) {
    try {
      return MAPPER.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Epoch millis as an ISO-8601 UTC timestamp with milliseconds. */
  public static String iso(long epochMillis) {
    return MILLIS_UTC.format(Instant.ofEpochMilli(epochMillis));
  }
}
