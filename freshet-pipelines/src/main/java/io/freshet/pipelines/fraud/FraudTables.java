package io.freshet.pipelines.fraud;

import static io.freshet.serving.Column.key;
import static io.freshet.serving.Column.value;
import static io.freshet.serving.SqlType.JSON;
import static io.freshet.serving.SqlType.TIMESTAMP;
import static io.freshet.serving.SqlType.VARCHAR;

import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.RuleHit;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.serving.JsonText;
import io.freshet.serving.ServingTable;
import java.util.List;

/** The fraud-detection pipeline's serving tables. */
public final class FraudTables {
  private FraudTables() {}

  /** Deduplicated fraud alerts, keyed by alert_id ({@code <RULE>:<transaction_id>}). */
  public static final ServingTable<FraudAlert> FRAUD_ALERTS =
      new ServingTable<>(
          "fraud_alerts",
          List.of(
              key("alert_id", VARCHAR),
              value("rule", VARCHAR),
              value("severity", VARCHAR),
              value("transaction_id", VARCHAR),
              value("customer_id", VARCHAR),
              value("event_time", TIMESTAMP),
              value("detected_at", TIMESTAMP),
              value("details", JSON)),
          "event_time",
          null,
          a ->
              new Object[] {
                a.alertId(),
                a.rule().name(),
                a.severity().name(),
                a.transactionId(),
                a.customerId(),
                a.eventTime(),
                a.detectedAt(),
                JsonText.alertDetails(a.details())
              });

  /** One decision per valid transaction, keyed by transaction_id. */
  public static final ServingTable<TransactionDecision> TRANSACTION_DECISIONS =
      new ServingTable<>(
          "transaction_decisions",
          List.of(
              key("transaction_id", VARCHAR),
              value("customer_id", VARCHAR),
              value("decision", VARCHAR),
              value("rules_fired", JSON),
              value("event_time", TIMESTAMP),
              value("decided_at", TIMESTAMP),
              value("event_id", VARCHAR),
              value("details", JSON)),
          "event_time",
          null,
          d ->
              new Object[] {
                d.transactionId(),
                d.customerId(),
                d.decision().name(),
                JsonText.stringArray(d.rulesFiredList().stream().map(FraudRule::name).toList()),
                d.eventTime(),
                d.decidedAt(),
                d.eventId(),
                ruleDetails(d)
              });

  /** The numbers behind each fired rule, as {@code {"VELOCITY": {"count": 6}, ...}}. */
  private static String ruleDetails(TransactionDecision decision) {
    StringBuilder json = new StringBuilder("{");
    for (RuleHit hit : decision.hits()) {
      if (json.length() > 1) {
        json.append(',');
      }
      // Rule names are Java identifiers: nothing to escape.
      json.append('"').append(hit.rule().name()).append("\":");
      json.append(JsonText.alertDetails(hit.details()));
    }
    return json.append('}').toString();
  }
}
