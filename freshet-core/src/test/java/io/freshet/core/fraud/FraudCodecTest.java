package io.freshet.core.fraud;

import static io.freshet.core.testing.TestEvents.NOON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FraudCodecTest {
  static final Instant DETECTED = Instant.parse("2026-11-26T12:00:01.500Z");
  static final ObjectMapper JSON = new ObjectMapper();

  static FraudAlert alert(FraudRule rule, AlertDetails details) {
    return new FraudAlert(
        rule.name() + ":txn-9",
        rule,
        rule.severity(),
        "txn-9",
        "cust-42",
        NOON.toEpochMilli(),
        DETECTED.toEpochMilli(),
        details);
  }

  /** A REVIEW decision of txn-9 on which the velocity rule fired. */
  static TransactionDecision velocityReview() {
    return new TransactionDecision(
        "txn-9",
        "evt-9",
        "cust-42",
        Verdict.REVIEW,
        new RuleHit[] {new RuleHit(FraudRule.VELOCITY, AlertDetails.velocity(6))},
        NOON.toEpochMilli(),
        DETECTED.toEpochMilli());
  }

  @Test
  void velocityAlertRoundTrips() {
    FraudAlert alert = alert(FraudRule.VELOCITY, AlertDetails.velocity(6));
    assertThat(new FraudAlertCodec().decode(new FraudAlertCodec().encode(alert))).isEqualTo(alert);
  }

  @Test
  void travelAlertRoundTrips() {
    FraudAlert alert = alert(FraudRule.IMPOSSIBLE_TRAVEL, AlertDetails.travel(343.55, 12.5));
    assertThat(new FraudAlertCodec().decode(new FraudAlertCodec().encode(alert))).isEqualTo(alert);
  }

  @Test
  void amountAlertRoundTrips() {
    FraudAlert alert = alert(FraudRule.AMOUNT_ANOMALY, AlertDetails.amount(999.99, 41.2));
    assertThat(new FraudAlertCodec().decode(new FraudAlertCodec().encode(alert))).isEqualTo(alert);
  }

  @Test
  void alertJsonHasTheDocumentedShapeWithOnlyApplicableDetails() throws Exception {
    // Given an impossible-travel alert
    FraudAlert alert = alert(FraudRule.IMPOSSIBLE_TRAVEL, AlertDetails.travel(600.0, 30.0));

    // When it is written
    String json = new String(new FraudAlertCodec().encode(alert), StandardCharsets.UTF_8);

    // Then it has exactly the documented fields
    assertThat(json)
        .isEqualTo(
            "{\"alert_id\":\"IMPOSSIBLE_TRAVEL:txn-9\",\"rule\":\"IMPOSSIBLE_TRAVEL\","
                + "\"severity\":\"HIGH\",\"transaction_id\":\"txn-9\",\"customer_id\":\"cust-42\","
                + "\"event_time\":\"2026-11-26T12:00:00.000Z\","
                + "\"detected_at\":\"2026-11-26T12:00:01.500Z\","
                + "\"details\":{\"distance_km\":600.0,\"minutes\":30.0}}");
  }

  @Test
  void decisionRoundTrips() {
    // Given a BLOCK decision with two rules
    TransactionDecision decision =
        new TransactionDecision(
            "txn-9",
            "evt-9",
            "cust-42",
            Verdict.BLOCK,
            new RuleHit[] {
              new RuleHit(FraudRule.VELOCITY, AlertDetails.velocity(6)),
              new RuleHit(FraudRule.AMOUNT_ANOMALY, AlertDetails.amount(900.0, 30.5))
            },
            NOON.toEpochMilli(),
            DETECTED.toEpochMilli());

    // When written and read back / Then it is equal
    assertThat(
            new TransactionDecisionCodec().decode(new TransactionDecisionCodec().encode(decision)))
        .isEqualTo(decision);
  }

  @Test
  void approveDecisionHasEmptyRulesFired() throws Exception {
    // Given an APPROVE decision
    TransactionDecision decision =
        new TransactionDecision(
            "txn-9",
            "evt-9",
            "cust-42",
            Verdict.APPROVE,
            new RuleHit[0],
            NOON.toEpochMilli(),
            DETECTED.toEpochMilli());

    // When it is written
    byte[] bytes = new TransactionDecisionCodec().encode(decision);
    JsonNode json = JSON.readTree(bytes);

    // Then rules_fired is an empty array and it round-trips
    assertThat(json.get("decision").textValue()).isEqualTo("APPROVE");
    assertThat(json.get("rules_fired").isArray()).isTrue();
    assertThat(json.get("rules_fired")).isEmpty();
    assertThat(json.get("event_time").textValue()).isEqualTo("2026-11-26T12:00:00.000Z");
    assertThat(json.get("decided_at").textValue()).isEqualTo("2026-11-26T12:00:01.500Z");
    assertThat(new TransactionDecisionCodec().decode(bytes)).isEqualTo(decision);
  }

  @Test
  void decisionJsonHasTheDocumentedText() {
    TransactionDecision decision = velocityReview();

    assertThat(new String(new TransactionDecisionCodec().encode(decision), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"transaction_id\":\"txn-9\",\"event_id\":\"evt-9\",\"customer_id\":\"cust-42\","
                + "\"decision\":\"REVIEW\",\"rules_fired\":[\"VELOCITY\"],"
                + "\"details\":{\"VELOCITY\":{\"count\":6}},\"event_time\":\"2026-11-26T12:00:00.000Z\","
                + "\"decided_at\":\"2026-11-26T12:00:01.500Z\"}");
  }

  @Test
  void readerRejectsMalformedJson() {
    assertThatThrownBy(() -> new FraudAlertCodec().decode("{".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTransactionIdOfAnEncodedDecisionIsReadWithoutDecodingTheRest() {
    TransactionDecision decision = velocityReview();

    assertThat(
            TransactionDecisionCodec.transactionId(new TransactionDecisionCodec().encode(decision)))
        .isEqualTo("txn-9");
    assertThat(
            TransactionDecisionCodec.transactionId(
                "{\"details\":{\"a\":[1,{\"b\":2}]},\"transaction_id\":\"txn-7\"}"
                    .getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("txn-7");
  }

  @Test
  void aDecisionWithoutATextTransactionIdHasNone() {
    for (String json :
        new String[] {"[]", "{\"customer_id\":\"c\"}", "{\"transaction_id\":1}", "{"}) {
      assertThatThrownBy(
              () -> TransactionDecisionCodec.transactionId(json.getBytes(StandardCharsets.UTF_8)))
          .as(json)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
