package io.freshet.core.fraud.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The alert workflow's state machine, its fold, its commands, precision and the action codec. */
class AlertWorkflowTest {
  static final long RAISED = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
  static final long ACKED = RAISED + 60_000;
  static final long RESOLVED_AT = RAISED + 120_000;

  static FraudAlert alert(String id, FraudRule rule) {
    return new FraudAlert(id, rule, rule.severity(), "txn-" + id, "cust-1", RAISED, RAISED, null);
  }

  static AlertAction ack(String alertId, String actionId) {
    return new AlertAction(
        actionId, alertId, AlertActionKind.ACKNOWLEDGED, "ana", ACKED, null, null);
  }

  static AlertAction resolve(String alertId, String actionId, Resolution resolution) {
    return new AlertAction(
        actionId, alertId, AlertActionKind.RESOLVED, "ben", RESOLVED_AT, resolution, "checked");
  }

  @Test
  void anAlertGoesFromOpenThroughAcknowledgedToResolvedKeepingItsHistory() {
    // Given a newly raised alert
    AlertCase opened = AlertCase.opened(alert("A1", FraudRule.VELOCITY));

    // When it is acknowledged, commented on and resolved
    AlertCase done =
        opened
            .apply(ack("A1", "x1"))
            .apply(
                new AlertAction(
                    "x2", "A1", AlertActionKind.COMMENTED, "ana", ACKED + 1, null, "calling"))
            .apply(resolve("A1", "x3", Resolution.TRUE_FRAUD));

    // Then it is resolved as true fraud with the three actions in order
    assertThat(opened.status()).isEqualTo(AlertStatus.OPEN);
    assertThat(done.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(done.resolution()).isEqualTo(Resolution.TRUE_FRAUD);
    assertThat(done.history()).extracting(AlertAction::actionId).containsExactly("x1", "x2", "x3");
  }

  @Test
  void invalidTransitionsAreRefusedWithTheReason() {
    AlertCase acked = AlertCase.opened(alert("A1", FraudRule.VELOCITY)).apply(ack("A1", "x1"));
    AlertCase resolved = acked.apply(resolve("A1", "x2", Resolution.FALSE_POSITIVE));

    assertThat(acked.refusal(AlertActionKind.ACKNOWLEDGED))
        .contains("alert A1 is already ACKNOWLEDGED");
    assertThat(resolved.refusal(AlertActionKind.RESOLVED))
        .contains("alert A1 is already resolved as FALSE_POSITIVE");
    assertThat(resolved.refusal(AlertActionKind.ACKNOWLEDGED))
        .contains("alert A1 is already RESOLVED");
    assertThat(resolved.refusal(AlertActionKind.COMMENTED)).isEmpty();
    assertThatThrownBy(() -> resolved.apply(resolve("A1", "x3", Resolution.TRUE_FRAUD)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theFoldIsTheSameWhateverWayAlertsAndActionsInterleave() {
    // Given the same alerts and actions, once with each action before its alert
    AlertBook inOrder = new AlertBook();
    inOrder.onAlert(alert("A1", FraudRule.VELOCITY));
    inOrder.onAlert(alert("A2", FraudRule.AMOUNT_ANOMALY));
    inOrder.onAction(ack("A1", "x1"));
    inOrder.onAction(resolve("A1", "x2", Resolution.TRUE_FRAUD));
    inOrder.onAction(resolve("A2", "x3", Resolution.FALSE_POSITIVE));
    AlertBook actionsFirst = new AlertBook();
    actionsFirst.onAction(ack("A1", "x1"));
    actionsFirst.onAction(resolve("A1", "x2", Resolution.TRUE_FRAUD));
    actionsFirst.onAction(resolve("A2", "x3", Resolution.FALSE_POSITIVE));
    actionsFirst.onAlert(alert("A2", FraudRule.AMOUNT_ANOMALY));
    actionsFirst.onAlert(alert("A1", FraudRule.VELOCITY));

    // Then both fold to the same cases
    assertThat(actionsFirst.get("A1")).isEqualTo(inOrder.get("A1"));
    assertThat(actionsFirst.get("A2")).isEqualTo(inOrder.get("A2"));
    assertThat(inOrder.get("A1").orElseThrow().status()).isEqualTo(AlertStatus.RESOLVED);
  }

  @Test
  void aRefusedOrRepeatedActionIsSkippedAndRefusalsAreCounted() {
    AlertBook book = new AlertBook();
    book.onAlert(alert("A1", FraudRule.VELOCITY));
    book.onAction(resolve("A1", "x1", Resolution.TRUE_FRAUD));
    book.onAction(resolve("A1", "x1", Resolution.TRUE_FRAUD));
    book.onAction(resolve("A1", "x2", Resolution.FALSE_POSITIVE));
    book.onAlert(alert("A1", FraudRule.VELOCITY));

    AlertCase c = book.get("A1").orElseThrow();
    assertThat(c.resolution()).isEqualTo(Resolution.TRUE_FRAUD);
    assertThat(c.history()).hasSize(1);
    assertThat(book.refused()).isEqualTo(1);
  }

  @Test
  void precisionPerRuleIsTrueFraudOverResolutions() {
    AlertBook book = new AlertBook();
    for (String id : List.of("V1", "V2", "V3", "V4")) {
      book.onAlert(alert(id, FraudRule.VELOCITY));
    }
    book.onAction(resolve("V1", "a", Resolution.TRUE_FRAUD));
    book.onAction(resolve("V2", "b", Resolution.TRUE_FRAUD));
    book.onAction(resolve("V3", "c", Resolution.FALSE_POSITIVE));

    RulePrecision velocity = book.precision().get(FraudRule.VELOCITY);
    assertThat(velocity).isEqualTo(new RulePrecision(4, 3, 2));
    assertThat(velocity.falsePositives()).isEqualTo(1);
    assertThat(velocity.precision().getAsDouble()).isEqualTo(2.0 / 3);
    assertThat(book.precision().get(FraudRule.IMPOSSIBLE_TRAVEL).precision()).isEmpty();
  }

  @Test
  void newestListsByDetectionTimeAndFiltersByStatus() {
    AlertBook book = new AlertBook();
    book.onAlert(
        new FraudAlert(
            "old",
            FraudRule.VELOCITY,
            FraudRule.VELOCITY.severity(),
            "t1",
            "c",
            RAISED,
            RAISED,
            null));
    book.onAlert(
        new FraudAlert(
            "new",
            FraudRule.VELOCITY,
            FraudRule.VELOCITY.severity(),
            "t2",
            "c",
            RAISED,
            RAISED + 5,
            null));
    book.onAction(ack("old", "x"));

    assertThat(book.newest(10, Optional.empty()))
        .extracting(c -> c.alert().alertId())
        .containsExactly("new", "old");
    assertThat(book.newest(10, Optional.of(AlertStatus.OPEN)))
        .extracting(c -> c.alert().alertId())
        .containsExactly("new");
  }

  @Test
  void commandsAreValidatedFieldByField() {
    assertThat(AlertCommand.of("resolve", " ana ", "TRUE_FRAUD", null))
        .isEqualTo(new AlertCommand(AlertActionKind.RESOLVED, "ana", Resolution.TRUE_FRAUD, null));
    assertThatThrownBy(() -> AlertCommand.of("close", "ana", null, null))
        .hasMessage("action 'close' is not one of acknowledge, resolve, comment");
    assertThatThrownBy(() -> AlertCommand.of("resolve", "ana", null, null))
        .hasMessage("resolve needs a resolution: TRUE_FRAUD or FALSE_POSITIVE");
    assertThatThrownBy(() -> AlertCommand.of("acknowledge", "", null, null))
        .hasMessage("actor is required: who takes the action");
    assertThatThrownBy(() -> AlertCommand.of("comment", "ana", null, "  "))
        .hasMessage("comment needs the comment's text");
    assertThat(
            ((AlertCommand.InvalidCommandException)
                    org.assertj.core.api.Assertions.catchThrowable(
                        () -> AlertCommand.of("resolve", "ana", "MAYBE", null)))
                .field())
        .isEqualTo("resolution");
  }

  @Test
  void anActionRoundTripsThroughItsEnvelope() {
    AlertActionCodec codec = new AlertActionCodec();
    AlertAction action = resolve("VELOCITY:txn-9", "act-1", Resolution.FALSE_POSITIVE);

    byte[] bytes = codec.encode(action);

    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"event_id\":\"act-1\",\"event_type\":\"alert.resolved\","
                + "\"timestamp\":\"2026-12-01T10:02:00.000Z\",\"source\":\"freshet-alert-workflow\","
                + "\"partition_key\":\"VELOCITY:txn-9\",\"payload\":{\"alert_id\":\"VELOCITY:txn-9\","
                + "\"actor\":\"ben\",\"resolution\":\"FALSE_POSITIVE\",\"comment\":\"checked\"},"
                + "\"metadata\":{\"schema_version\":\"1.0\"}}");
    assertThat(codec.decode(bytes)).isEqualTo(action);
  }
}
