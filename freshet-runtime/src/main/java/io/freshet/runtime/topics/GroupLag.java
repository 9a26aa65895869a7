package io.freshet.runtime.topics;

import java.util.List;
import java.util.Objects;

/**
 * A consumer group, its state, and how far behind it is on each partition it committed offsets for.
 *
 * @param state the group's state as the broker names it (STABLE, EMPTY, ...)
 * @param members how many consumers are in the group now
 */
public record GroupLag(String group, String state, int members, List<PartitionLag> partitions) {
  public GroupLag {
    partitions = List.copyOf(partitions);
  }

  /** The lag summed over the partitions whose end offset is known. */
  public long totalLag() {
    return partitions.stream()
        .map(PartitionLag::lag)
        .filter(Objects::nonNull)
        .mapToLong(l -> l)
        .sum();
  }

  /**
   * One partition's committed offset against its end.
   *
   * @param endOffset the partition's end offset, or null when the topic no longer exists
   * @param lag records not yet consumed, or null when the end is not known
   */
  public record PartitionLag(
      String topic, int partition, long committed, Long endOffset, Long lag) {}
}
