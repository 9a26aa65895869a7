package io.freshet.core.fraud;

/** The fraud rules Freshet evaluates on every transaction, each with the severity of its alerts. */
public enum FraudRule {
  VELOCITY(Severity.HIGH),
  IMPOSSIBLE_TRAVEL(Severity.HIGH),
  AMOUNT_ANOMALY(Severity.MEDIUM);

  private final Severity severity;

  FraudRule(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }
}
