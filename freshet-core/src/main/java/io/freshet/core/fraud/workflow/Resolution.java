package io.freshet.core.fraud.workflow;

/** How an operator closed an alert: the feedback that measures a rule's precision. */
public enum Resolution {
  TRUE_FRAUD,
  FALSE_POSITIVE
}
