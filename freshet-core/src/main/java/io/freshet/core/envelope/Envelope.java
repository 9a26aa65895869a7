package io.freshet.core.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A validated event envelope whose payload is still untyped JSON for the event-specific reader.
 *
 * @param eventId the producer-assigned identity, never blank
 * @param eventType the event type, equal to what the reader expected
 * @param timestamp event time in epoch milliseconds
 * @param source the producing system, or null when absent
 * @param partitionKey the producer's partition key, or null when absent
 * @param payload the non-empty payload object; it is the reader's own fresh tree, so callers that
 *     share an envelope across threads must not mutate it
 * @param metadata never null; its fields are null when the event did not carry them
 */
public record Envelope(
    String eventId,
    String eventType,
    long timestamp,
    String source,
    String partitionKey,
    ObjectNode payload,
    EventMetadata metadata) {

  public Envelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(metadata, "metadata");
  }
}
