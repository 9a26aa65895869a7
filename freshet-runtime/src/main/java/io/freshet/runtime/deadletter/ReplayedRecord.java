package io.freshet.runtime.deadletter;

/**
 * A dead letter sent back to its source topic, and where it landed there.
 *
 * @param dlqTopic the dead-letter topic it was replayed from
 * @param dlqOffset its offset there
 * @param topic the source topic it was sent to
 * @param partition the partition it landed in
 * @param offset its new offset
 */
public record ReplayedRecord(
    String dlqTopic, long dlqOffset, String topic, int partition, long offset) {}
