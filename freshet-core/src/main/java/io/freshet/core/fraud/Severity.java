package io.freshet.core.fraud;

/** How urgently an alert needs a human. */
public enum Severity {
  HIGH,
  MEDIUM
}
