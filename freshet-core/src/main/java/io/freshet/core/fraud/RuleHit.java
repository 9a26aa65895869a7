package io.freshet.core.fraud;

/** One rule that fired on a transaction, with the figures that made it fire. */
public record RuleHit(FraudRule rule, AlertDetails details) {}
