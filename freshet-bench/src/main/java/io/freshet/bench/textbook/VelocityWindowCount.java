package io.freshet.bench.textbook;

/** The textbook job's output: how many transactions a customer made in one sliding window. */
public record VelocityWindowCount(
    String customerId, long windowStart, long windowEnd, long count) {}
