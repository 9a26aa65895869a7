package io.freshet.core.fraud;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.freshet.core.time.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** The JSON wire form of fraud alerts and transaction decisions. */
public final class FraudJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private FraudJson() {}

  /** Serialises an alert; details fields that do not apply to its rule are omitted. */
  public static byte[] alert(FraudAlert alert) {
    // Written field by field rather than through a tree: same bytes, a fraction of the garbage.
    DocumentBytes bytes = new DocumentBytes();
    try (JsonGenerator json = MAPPER.createGenerator(bytes)) {
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
        json.writeObjectFieldStart("details");
        if (details.count() != null) {
          json.writeNumberField("count", details.count().intValue());
        }
        writeIfPresent(json, "distance_km", details.distanceKm());
        writeIfPresent(json, "minutes", details.minutes());
        writeIfPresent(json, "amount", details.amount());
        writeIfPresent(json, "mean", details.mean());
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise alert " + alert.alertId(), e);
    }
    return bytes.toByteArray();
  }

  /** Serialises a decision with its fired rules by name, in the decision's order. */
  public static byte[] decision(TransactionDecision decision) {
    DocumentBytes bytes = new DocumentBytes();
    try (JsonGenerator json = MAPPER.createGenerator(bytes)) {
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
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serialise decision for transaction " + decision.transactionId(), e);
    }
    return bytes.toByteArray();
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

  private static void writeIfPresent(JsonGenerator json, String name, Double value)
      throws IOException {
    if (value != null) {
      json.writeNumberField(name, value.doubleValue());
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

  /**
   * The generator buffers a whole document and hands it over in one write when it is closed;
   * keeping that write as the result saves the second buffer and copy of a ByteArrayOutputStream. A
   * document larger than the generator's buffer arrives in several writes, which are joined.
   */
  private static final class DocumentBytes extends OutputStream {
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      byte[] joined = Arrays.copyOf(bytes, bytes.length + len);
      System.arraycopy(b, off, joined, bytes.length, len);
      bytes = joined;
    }

    byte[] toByteArray() {
      return bytes;
    }
  }
}
