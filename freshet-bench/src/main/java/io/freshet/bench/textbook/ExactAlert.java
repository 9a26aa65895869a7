package io.freshet.bench.textbook;

/** One exact velocity alert: the customer and the event time of the transaction that fired. */
public record ExactAlert(String customerId, long eventTime) {}
