package io.freshet.runtime.deadletter;

/** A selected dead letter that was not replayed, and why. */
public record ReplaySkip(String dlqTopic, long dlqOffset, String reason) {}
