package io.freshet.core.fraud;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import java.io.IOException;
import java.time.format.DateTimeParseException;

/**
 * JSON of the {@code transaction-decisions} topic: fired rules by name in the decision's order, and
 * under {@code details} the numbers behind each.
 */
public final class TransactionDecisionCodec implements Codec<TransactionDecision> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(TransactionDecision decision) {
    return Json.write(decision, TransactionDecisionCodec::write);
  }

  /** Writes {@code decision} as one JSON object, for callers that embed it in a larger document. */
  public static void write(JsonGenerator json, TransactionDecision decision) throws IOException {
    json.writeStartObject();
    writeFields(json, decision);
    json.writeEndObject();
  }

  /** Writes the decision's fields into the object {@code json} is in. */
  public static void writeFields(JsonGenerator json, TransactionDecision decision)
      throws IOException {
    json.writeStringField("transaction_id", decision.transactionId());
    if (decision.eventId() != null) {
      json.writeStringField("event_id", decision.eventId());
    }
    json.writeStringField("customer_id", decision.customerId());
    json.writeStringField("decision", decision.decision().name());
    json.writeArrayFieldStart("rules_fired");
    for (RuleHit hit : decision.hits()) {
      json.writeString(hit.rule().name());
    }
    json.writeEndArray();
    json.writeObjectFieldStart("details");
    for (RuleHit hit : decision.hits()) {
      json.writeFieldName(hit.rule().name());
      AlertDetailsJson.write(json, hit.details());
    }
    json.writeEndObject();
    json.writeStringField("event_time", Timestamps.format(decision.eventTime()));
    json.writeStringField("decided_at", Timestamps.format(decision.decidedAt()));
  }

  /**
   * Parses a decision written by {@link #encode}; one written before event ids and details were
   * recorded reads with a null event id and no details.
   *
   * @throws IllegalArgumentException when the bytes are not such a decision
   */
  @Override
  public TransactionDecision decode(byte[] bytes) {
    return read(Json.readObject(bytes, "decision"));
  }

  /**
   * The {@code transaction_id} of an encoded decision, read without decoding the rest: {@link
   * #write} puts it first, so a reader that needs only some decisions (the decision API's listener
   * among everything the job decides) stops after one field.
   *
   * @throws IllegalArgumentException when the bytes are not a JSON object with that text field
   */
  public static String transactionId(byte[] bytes) {
    try (JsonParser parser = Json.FACTORY.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("decision is not a JSON object");
      }
      for (JsonToken token = parser.nextToken();
          token == JsonToken.FIELD_NAME;
          token = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("transaction_id".equals(name)) {
          if (value != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("decision field transaction_id is not text");
          }
          return parser.getText();
        }
        parser.skipChildren();
      }
      throw new IllegalArgumentException("decision has no transaction_id");
    } catch (IOException e) {
      throw new IllegalArgumentException("decision is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Reads a decision object such as {@link #write} produces. */
  public static TransactionDecision read(JsonNode root) {
    JsonNode rulesNode = root.get("rules_fired");
    if (rulesNode == null || !rulesNode.isArray()) {
      throw new IllegalArgumentException("decision field rules_fired is not an array");
    }
    JsonNode detailsNode = root.get("details");
    RuleHit[] hits = new RuleHit[rulesNode.size()];
    for (int i = 0; i < hits.length; i++) {
      FraudRule rule = FraudRule.valueOf(rulesNode.get(i).asText());
      AlertDetails details =
          detailsNode == null ? null : AlertDetailsJson.read(detailsNode.get(rule.name()));
      hits[i] = new RuleHit(rule, details);
    }
    JsonNode eventId = root.get("event_id");
    try {
      return new TransactionDecision(
          Json.text(root, "transaction_id"),
          eventId == null || eventId.isNull() ? null : eventId.asText(),
          Json.text(root, "customer_id"),
          Verdict.valueOf(Json.text(root, "decision")),
          hits,
          Timestamps.parse(Json.text(root, "event_time")),
          Timestamps.parse(Json.text(root, "decided_at")));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("decision has an unparseable timestamp", e);
    }
  }
}
