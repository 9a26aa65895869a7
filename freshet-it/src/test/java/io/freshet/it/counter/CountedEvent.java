package io.freshet.it.counter;

/** One event of the test-only counter pipeline: a key at an event time. */
public record CountedEvent(String key, long eventTime) {}
