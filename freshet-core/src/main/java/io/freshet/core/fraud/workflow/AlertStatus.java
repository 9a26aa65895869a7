package io.freshet.core.fraud.workflow;

/** Where an alert is in its workflow. */
public enum AlertStatus {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED
}
