package io.freshet.core.fraud.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.fraud.FraudAlertCodec;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON the alert API answers with: the alert as {@code fraud-alerts} holds it, its status,
 * resolution and full history.
 */
public final class AlertCaseJson {
  private static final FraudAlertCodec ALERTS = new FraudAlertCodec();

  private AlertCaseJson() {}

  /** One case. */
  public static ObjectNode of(AlertCase c) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    try {
      json.set("alert", Json.MAPPER.readTree(ALERTS.encode(c.alert())));
    } catch (IOException e) {
      throw new UncheckedIOException("an alert's own JSON did not parse", e);
    }
    json.put("alert_id", c.alert().alertId());
    json.put("status", c.status().name());
    if (c.resolution() == null) {
      json.putNull("resolution");
    } else {
      json.put("resolution", c.resolution().name());
    }
    ArrayNode history = json.putArray("history");
    for (AlertAction a : c.history()) {
      ObjectNode entry =
          history
              .addObject()
              .put("action_id", a.actionId())
              .put("action", a.kind().eventType())
              .put("actor", a.actor())
              .put("at", Timestamps.format(a.at()));
      if (a.resolution() != null) {
        entry.put("resolution", a.resolution().name());
      }
      if (a.comment() != null) {
        entry.put("comment", a.comment());
      }
    }
    return json;
  }
}
