package io.freshet.core.fraud;

/**
 * An alert raised by one rule on one transaction; {@code alertId} is {@code
 * <RULE>:<transaction_id>} so a replay produces the same identity.
 */
public record FraudAlert(
    String alertId,
    FraudRule rule,
    Severity severity,
    String transactionId,
    String customerId,
    long eventTime,
    long detectedAt,
    AlertDetails details) {

  /** Builds the alert for a rule hit on a transaction. */
  public static FraudAlert of(RuleHit hit, Transaction txn, long detectedAt) {
    return new FraudAlert(
        hit.rule().name() + ":" + txn.transactionId(),
        hit.rule(),
        hit.rule().severity(),
        txn.transactionId(),
        txn.customerId(),
        txn.eventTime(),
        detectedAt,
        hit.details());
  }
}
