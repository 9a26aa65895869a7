package io.freshet.core.fraud.workflow;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import java.io.IOException;

/**
 * The {@code alert-actions} topic's JSON: Freshet's event envelope ({@code event_id}, {@code
 * event_type} alert.acknowledged/resolved/commented, {@code timestamp}, {@code partition_key} the
 * alert id) around the action.
 */
public final class AlertActionCodec implements Codec<AlertAction> {
  private static final long serialVersionUID = 1L;

  /** The envelope's {@code source}. */
  public static final String SOURCE = "freshet-alert-workflow";

  /** The payload's schema version. */
  public static final String SCHEMA_VERSION = "1.0";

  @Override
  public byte[] encode(AlertAction action) {
    return Json.write(action, AlertActionCodec::write);
  }

  private static void write(JsonGenerator json, AlertAction action) throws IOException {
    json.writeStartObject();
    json.writeStringField("event_id", action.actionId());
    json.writeStringField("event_type", action.kind().eventType());
    json.writeStringField("timestamp", Timestamps.format(action.at()));
    json.writeStringField("source", SOURCE);
    json.writeStringField("partition_key", action.alertId());
    json.writeObjectFieldStart("payload");
    json.writeStringField("alert_id", action.alertId());
    json.writeStringField("actor", action.actor());
    if (action.resolution() != null) {
      json.writeStringField("resolution", action.resolution().name());
    }
    if (action.comment() != null) {
      json.writeStringField("comment", action.comment());
    }
    json.writeEndObject();
    json.writeObjectFieldStart("metadata");
    json.writeStringField("schema_version", SCHEMA_VERSION);
    json.writeEndObject();
    json.writeEndObject();
  }

  /**
   * Parses an action written by {@link #encode}.
   *
   * @throws IllegalArgumentException when the bytes are not such an action
   */
  @Override
  public AlertAction decode(byte[] bytes) {
    JsonNode root = Json.readObject(bytes, "alert action");
    String eventType = Json.text(root, "event_type");
    AlertActionKind kind =
        AlertActionKind.ofEventType(eventType)
            .orElseThrow(
                () -> new IllegalArgumentException("not an alert action: event_type " + eventType));
    JsonNode payload = root.path("payload");
    JsonNode resolution = payload.get("resolution");
    JsonNode comment = payload.get("comment");
    return new AlertAction(
        Json.text(root, "event_id"),
        Json.text(payload, "alert_id"),
        kind,
        Json.text(payload, "actor"),
        Json.time(root, "timestamp"),
        resolution == null ? null : Resolution.valueOf(resolution.asText()),
        comment == null ? null : comment.asText());
  }
}
