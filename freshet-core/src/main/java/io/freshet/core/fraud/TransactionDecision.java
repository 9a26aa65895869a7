package io.freshet.core.fraud;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The decision on one valid transaction, judged on every rule that fired (before alert dedup).
 *
 * @param eventId the envelope's event_id the decision answers (null in decisions written before it
 *     was recorded)
 * @param hits the rules that fired with the numbers behind each, in {@link FraudRule} order (an
 *     array keeps it a Flink POJO without generic serialisation)
 * @param decidedAt processing time of the decision: the one field a replay after a failure
 *     recomputes differently
 */
public record TransactionDecision(
    String transactionId,
    String eventId,
    String customerId,
    Verdict decision,
    RuleHit[] hits,
    long eventTime,
    long decidedAt) {

  /** The rules that fired, in {@link FraudRule} order. */
  public FraudRule[] rulesFired() {
    FraudRule[] rules = new FraudRule[hits.length];
    for (int i = 0; i < rules.length; i++) {
      rules[i] = hits[i].rule();
    }
    return rules;
  }

  public List<FraudRule> rulesFiredList() {
    return List.of(rulesFired());
  }

  public List<RuleHit> hitsList() {
    return List.of(hits);
  }

  /**
   * True when {@code other} decides the same transaction the same way for the same reasons: equal
   * in everything but {@link #decidedAt}, which is the only thing a recomputation may change.
   */
  public boolean sameOutcome(TransactionDecision other) {
    return transactionId.equals(other.transactionId)
        && Objects.equals(eventId, other.eventId)
        && customerId.equals(other.customerId)
        && decision == other.decision
        && Arrays.equals(hits, other.hits)
        && eventTime == other.eventTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionDecision d && sameOutcome(d) && decidedAt == d.decidedAt;
  }

  @Override
  public int hashCode() {
    return 31 * transactionId.hashCode() + Arrays.hashCode(hits);
  }

  @Override
  public String toString() {
    return "TransactionDecision["
        + transactionId
        + ", event "
        + eventId
        + ", "
        + customerId
        + ", "
        + decision
        + ", "
        + Arrays.toString(hits)
        + ", eventTime="
        + eventTime
        + ", decidedAt="
        + decidedAt
        + "]";
  }
}
