package io.freshet.it.counter;

/**
 * The counter pipeline's result: how many events a key has had, and the newest event time seen.
 *
 * @param revision the count again, so the store keeps the newest row of a key
 */
public record KeyCount(String key, long count, long lastEventTime, int revision) {}
