package io.freshet.core.fraud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.time.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeParseException;

/** The JSON wire form of fraud alerts and transaction decisions. */
public final class FraudJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private FraudJson() {}

  /** Serialises an alert; details fields that do not apply to its rule are omitted. */
  public static byte[] alert(FraudAlert alert) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("alert_id", alert.alertId());
    json.put("rule", alert.rule().name());
    json.put("severity", alert.severity().name());
    json.put("transaction_id", alert.transactionId());
    json.put("customer_id", alert.customerId());
    json.put("event_time", Timestamps.format(alert.eventTime()));
    json.put("detected_at", Timestamps.format(alert.detectedAt()));
    AlertDetails details = alert.details();
    if (details != null) {
      ObjectNode d = json.putObject("details");
      if (details.count() != null) {
        d.put("count", details.count());
      }
      if (details.distanceKm() != null) {
        d.put("distance_km", details.distanceKm());
      }
      if (details.minutes() != null) {
        d.put("minutes", details.minutes());
      }
      if (details.amount() != null) {
        d.put("amount", details.amount());
      }
      if (details.mean() != null) {
        d.put("mean", details.mean());
      }
    }
    return write(json);
  }

  /** Serialises a decision with its fired rules by name, in the decision's order. */
  public static byte[] decision(TransactionDecision decision) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("transaction_id", decision.transactionId());
    json.put("customer_id", decision.customerId());
    json.put("decision", decision.decision().name());
    ArrayNode rules = json.putArray("rules_fired");
    for (FraudRule rule : decision.rulesFired()) {
      rules.add(rule.name());
    }
    json.put("event_time", Timestamps.format(decision.eventTime()));
    json.put("decided_at", Timestamps.format(decision.decidedAt()));
    return write(json);
  }

  /**
   * Parses an alert written by {@link #alert}.
   *
   * @throws IllegalArgumentException when the bytes are not such an alert
   */
  public static FraudAlert readAlert(byte[] json) {
    JsonNode root = parse(json, "alert");
    JsonNode d = root.get("details");
    AlertDetails details = null;
    if (d != null && !d.isNull()) {
      details =
          new AlertDetails(
              d.hasNonNull("count") ? d.get("count").intValue() : null,
              optionalDouble(d, "distance_km"),
              optionalDouble(d, "minutes"),
              optionalDouble(d, "amount"),
              optionalDouble(d, "mean"));
    }
    try {
      return new FraudAlert(
          text(root, "alert_id"),
          FraudRule.valueOf(text(root, "rule")),
          Severity.valueOf(text(root, "severity")),
          text(root, "transaction_id"),
          text(root, "customer_id"),
          Timestamps.parse(text(root, "event_time")),
          Timestamps.parse(text(root, "detected_at")),
          details);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("alert has an unparseable timestamp", e);
    }
  }

  /**
   * Parses a decision written by {@link #decision}.
   *
   * @throws IllegalArgumentException when the bytes are not such a decision
   */
  public static TransactionDecision readDecision(byte[] json) {
    JsonNode root = parse(json, "decision");
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
          text(root, "transaction_id"),
          text(root, "customer_id"),
          Verdict.valueOf(text(root, "decision")),
          rules,
          Timestamps.parse(text(root, "event_time")),
          Timestamps.parse(text(root, "decided_at")));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("decision has an unparseable timestamp", e);
    }
  }

  private static byte[] write(ObjectNode json) {
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise " + json.get("transaction_id"), e);
    }
  }

  private static JsonNode parse(byte[] json, String what) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not valid JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(what + " is not a JSON object");
    }
    return root;
  }

  private static String text(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("field " + name + " is missing or not a string");
    }
    return node.textValue();
  }

  private static Double optionalDouble(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw new IllegalArgumentException("details field " + name + " is not a number");
    }
    return node.doubleValue();
  }
}
