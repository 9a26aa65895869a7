package io.freshet.core.fraud;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import java.io.IOException;
import java.time.format.DateTimeParseException;

/**
 * JSON of the {@code fraud-alerts} topic; details fields that do not apply to a rule are omitted.
 */
public final class FraudAlertCodec implements Codec<FraudAlert> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(FraudAlert alert) {
    return Json.write(alert, FraudAlertCodec::write);
  }

  private static void write(JsonGenerator json, FraudAlert alert) throws IOException {
    json.writeStartObject();
    json.writeStringField("alert_id", alert.alertId());
    json.writeStringField("rule", alert.rule().name());
    json.writeStringField("severity", alert.severity().name());
    json.writeStringField("transaction_id", alert.transactionId());
    json.writeStringField("customer_id", alert.customerId());
    json.writeStringField("event_time", Timestamps.format(alert.eventTime()));
    json.writeStringField("detected_at", Timestamps.format(alert.detectedAt()));
    AlertDetails details = alert.details();
    if (details != null) {
      json.writeFieldName("details");
      AlertDetailsJson.write(json, details);
    }
    json.writeEndObject();
  }

  /**
   * Parses an alert written by {@link #encode}.
   *
   * @throws IllegalArgumentException when the bytes are not such an alert
   */
  @Override
  public FraudAlert decode(byte[] bytes) {
    JsonNode root = Json.readObject(bytes, "alert");
    AlertDetails details = AlertDetailsJson.read(root.get("details"));
    try {
      return new FraudAlert(
          Json.text(root, "alert_id"),
          FraudRule.valueOf(Json.text(root, "rule")),
          Severity.valueOf(Json.text(root, "severity")),
          Json.text(root, "transaction_id"),
          Json.text(root, "customer_id"),
          Timestamps.parse(Json.text(root, "event_time")),
          Timestamps.parse(Json.text(root, "detected_at")),
          details);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("alert has an unparseable timestamp", e);
    }
  }
}
