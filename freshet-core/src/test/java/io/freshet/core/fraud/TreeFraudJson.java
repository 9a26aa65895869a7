package io.freshet.core.fraud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The tree-model writer that {@link FraudAlertCodec} and {@link TransactionDecisionCodec} replaced,
 * kept with java.time formatting as the reference their bytes are compared with.
 */
final class TreeFraudJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final DateTimeFormatter MILLIS_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private TreeFraudJson() {}

  static byte[] alert(FraudAlert alert) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("alert_id", alert.alertId());
    json.put("rule", alert.rule().name());
    json.put("severity", alert.severity().name());
    json.put("transaction_id", alert.transactionId());
    json.put("customer_id", alert.customerId());
    json.put("event_time", format(alert.eventTime()));
    json.put("detected_at", format(alert.detectedAt()));
    AlertDetails details = alert.details();
    if (details != null) {
      details(json.putObject("details"), details);
    }
    return write(json);
  }

  private static void details(ObjectNode d, AlertDetails details) {
    {
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
      if (details.from() != null) {
        d.putObject("from").put("lat", details.from().lat()).put("lon", details.from().lon());
      }
      if (details.to() != null) {
        d.putObject("to").put("lat", details.to().lat()).put("lon", details.to().lon());
      }
    }
  }

  static byte[] decision(TransactionDecision decision) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("transaction_id", decision.transactionId());
    if (decision.eventId() != null) {
      json.put("event_id", decision.eventId());
    }
    json.put("customer_id", decision.customerId());
    json.put("decision", decision.decision().name());
    ArrayNode rules = json.putArray("rules_fired");
    for (FraudRule rule : decision.rulesFired()) {
      rules.add(rule.name());
    }
    ObjectNode details = json.putObject("details");
    for (RuleHit hit : decision.hits()) {
      details(details.putObject(hit.rule().name()), hit.details());
    }
    json.put("event_time", format(decision.eventTime()));
    json.put("decided_at", format(decision.decidedAt()));
    return write(json);
  }

  private static String format(long epochMillis) {
    return MILLIS_UTC.format(Instant.ofEpochMilli(epochMillis));
  }

  private static byte[] write(ObjectNode json) {
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
