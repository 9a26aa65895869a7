package io.freshet.core.sizing;

/**
 * Something in a plan or its request that an operator should change or at least know about.
 *
 * @param code a stable name for machines, e.g. "partitions_below_parallelism"
 * @param message what is wrong and what to do, for people
 */
public record SizingWarning(String code, String message) {}
