package io.freshet.core.fraud;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import java.io.IOException;
import java.time.format.DateTimeParseException;

/** JSON of the {@code transaction-decisions} topic, fired rules by name in the decision's order. */
public final class TransactionDecisionCodec implements Codec<TransactionDecision> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(TransactionDecision decision) {
    return Json.write(decision, TransactionDecisionCodec::write);
  }

  private static void write(JsonGenerator json, TransactionDecision decision) throws IOException {
    json.writeStartObject();
    json.writeStringField("transaction_id", decision.transactionId());
    json.writeStringField("customer_id", decision.customerId());
    json.writeStringField("decision", decision.decision().name());
    json.writeArrayFieldStart("rules_fired");
    for (FraudRule rule : decision.rulesFired()) {
      json.writeString(rule.name());
    }
    json.writeEndArray();
    json.writeStringField("event_time", Timestamps.format(decision.eventTime()));
    json.writeStringField("decided_at", Timestamps.format(decision.decidedAt()));
    json.writeEndObject();
  }

  /**
   * Parses a decision written by {@link #encode}.
   *
   * @throws IllegalArgumentException when the bytes are not such a decision
   */
  @Override
  public TransactionDecision decode(byte[] bytes) {
    JsonNode root = Json.readObject(bytes, "decision");
    JsonNode rulesNode = root.get("rules_fired");
    if (rulesNode == null || !rulesNode.isArray()) {
      throw new IllegalArgumentException("decision field rules_fired is not an array");
    }
    FraudRule[] rules = new FraudRule[rulesNode.size()];
    for (int i = 0; i < rules.length; i++) {
      rules[i] = FraudRule.valueOf(rulesNode.get(i).asText());
    }
    try {
      return new TransactionDecision(
          Json.text(root, "transaction_id"),
          Json.text(root, "customer_id"),
          Verdict.valueOf(Json.text(root, "decision")),
          rules,
          Timestamps.parse(Json.text(root, "event_time")),
          Timestamps.parse(Json.text(root, "decided_at")));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("decision has an unparseable timestamp", e);
    }
  }
}
