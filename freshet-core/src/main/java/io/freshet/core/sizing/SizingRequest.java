package io.freshet.core.sizing;

import java.util.OptionalInt;

/**
 * The workload a capacity plan is asked for: its rate, event size, retention and replication, and
 * the layout the operator already has in mind.
 *
 * @param eventsPerSecond sustained input rate, events per second
 * @param eventBytes mean size of one event as written to Kafka, in bytes
 * @param retentionDays how long Kafka keeps the events
 * @param replicationFactor copies Kafka keeps of each partition
 * @param consumerGroups consumer groups that each read every event (the Flink job is one)
 * @param stateful whether the job keeps keyed state, which then is sized from {@code keys}
 * @param keys distinct keys (customers, devices) of the keyed state; used only when stateful
 * @param partitions the partitions of the input topic, when already chosen
 * @param parallelism the Flink parallelism asked for, when already chosen
 */
public record SizingRequest(
    long eventsPerSecond,
    long eventBytes,
    int retentionDays,
    int replicationFactor,
    int consumerGroups,
    boolean stateful,
    long keys,
    OptionalInt partitions,
    OptionalInt parallelism) {

  /** One group: the Flink job reads every event once. */
  public static final int DEFAULT_CONSUMER_GROUPS = 1;

  /** The million customers of the largest state run in docs/benchmarks.md. */
  public static final long DEFAULT_KEYS = 1_000_000;

  public SizingRequest {
    atLeast(eventsPerSecond, 1, "events per second");
    atLeast(eventBytes, 1, "event bytes");
    atLeast(retentionDays, 1, "retention days");
    atLeast(replicationFactor, 1, "replication factor");
    atLeast(consumerGroups, 0, "consumer groups");
    atLeast(keys, 1, "keys");
    partitions.ifPresent(p -> atLeast(p, 1, "partitions"));
    parallelism.ifPresent(p -> atLeast(p, 1, "parallelism"));
  }

  /** A stateless workload with one consumer group and nothing chosen yet. */
  public static SizingRequest of(
      long eventsPerSecond, long eventBytes, int retentionDays, int replicationFactor) {
    return new SizingRequest(
        eventsPerSecond,
        eventBytes,
        retentionDays,
        replicationFactor,
        DEFAULT_CONSUMER_GROUPS,
        false,
        DEFAULT_KEYS,
        OptionalInt.empty(),
        OptionalInt.empty());
  }

  /** The same workload with keyed state over {@code keys} keys. */
  public SizingRequest withState(long keys) {
    return new SizingRequest(
        eventsPerSecond,
        eventBytes,
        retentionDays,
        replicationFactor,
        consumerGroups,
        true,
        keys,
        partitions,
        parallelism);
  }

  /** The same workload read by {@code groups} consumer groups. */
  public SizingRequest withConsumerGroups(int groups) {
    return new SizingRequest(
        eventsPerSecond,
        eventBytes,
        retentionDays,
        replicationFactor,
        groups,
        stateful,
        keys,
        partitions,
        parallelism);
  }

  /** The same workload on an input topic of {@code count} partitions. */
  public SizingRequest withPartitions(int count) {
    return new SizingRequest(
        eventsPerSecond,
        eventBytes,
        retentionDays,
        replicationFactor,
        consumerGroups,
        stateful,
        keys,
        OptionalInt.of(count),
        parallelism);
  }

  /** The same workload with the Flink parallelism {@code count} asked for. */
  public SizingRequest withParallelism(int count) {
    return new SizingRequest(
        eventsPerSecond,
        eventBytes,
        retentionDays,
        replicationFactor,
        consumerGroups,
        stateful,
        keys,
        partitions,
        OptionalInt.of(count));
  }

  private static void atLeast(long value, long min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
    }
  }
}
