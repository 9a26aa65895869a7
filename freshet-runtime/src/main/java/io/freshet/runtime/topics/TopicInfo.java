package io.freshet.runtime.topics;

import java.util.List;

/**
 * A topic as the topics list shows it: its partitions with their offsets, and its retention.
 *
 * @param retentionMs how long records are kept ({@code retention.ms}, -1 for ever), or null when
 *     the broker did not say
 * @param cleanupPolicy {@code cleanup.policy}: delete, compact or both; null when not said
 */
public record TopicInfo(
    String name,
    int replicationFactor,
    Long retentionMs,
    String cleanupPolicy,
    List<PartitionOffsets> partitions) {

  public TopicInfo {
    partitions = List.copyOf(partitions);
  }

  /** Offsets held over all partitions; see {@link PartitionOffsets#records()}. */
  public long records() {
    return partitions.stream().mapToLong(PartitionOffsets::records).sum();
  }

  /** Sum of the partitions' end offsets: what the rate is computed from. */
  public long endOffsetSum() {
    return partitions.stream().mapToLong(PartitionOffsets::endOffset).sum();
  }

  /**
   * One partition's offsets and replicas.
   *
   * @param startOffset the first offset still held
   * @param endOffset the offset the next record gets (the high watermark)
   * @param leader the leader's broker id, -1 while the partition has none
   */
  public record PartitionOffsets(
      int partition,
      long startOffset,
      long endOffset,
      int leader,
      int replicas,
      int inSyncReplicas) {

    /**
     * Offsets held: the record count, except that transaction markers and offsets removed by
     * compaction count too (telling them apart would mean reading every record).
     */
    public long records() {
      return Math.max(0, endOffset - startOffset);
    }
  }
}
