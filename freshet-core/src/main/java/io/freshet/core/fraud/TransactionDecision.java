package io.freshet.core.fraud;

import java.util.Arrays;
import java.util.List;

/**
 * The decision on one valid transaction, judged on every rule that fired (before alert dedup).
 *
 * @param rulesFired the rules that fired, in {@link FraudRule} order (an array keeps it a Flink
 *     POJO without generic serialisation)
 */
public record TransactionDecision(
    String transactionId,
    String customerId,
    Verdict decision,
    FraudRule[] rulesFired,
    long eventTime,
    long decidedAt) {

  public List<FraudRule> rulesFiredList() {
    return List.of(rulesFired);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionDecision d
        && transactionId.equals(d.transactionId)
        && customerId.equals(d.customerId)
        && decision == d.decision
        && Arrays.equals(rulesFired, d.rulesFired)
        && eventTime == d.eventTime
        && decidedAt == d.decidedAt;
  }

  @Override
  public int hashCode() {
    return 31 * transactionId.hashCode() + Arrays.hashCode(rulesFired);
  }

  @Override
  public String toString() {
    return "TransactionDecision["
        + transactionId
        + ", "
        + customerId
        + ", "
        + decision
        + ", "
        + Arrays.toString(rulesFired)
        + ", eventTime="
        + eventTime
        + ", decidedAt="
        + decidedAt
        + "]";
  }
}
