package io.freshet.runtime.topics;

import java.util.Map;

/** Where a browse starts reading each partition. */
public sealed interface StartPosition {
  /** At each partition's first offset still held. */
  record Earliest() implements StartPosition {}

  /** At the last {@code limit} offsets of each partition, so the newest records are shown. */
  record Latest() implements StartPosition {}

  /** At one offset in every partition read (clamped to what the partition holds). */
  record AtOffset(long offset) implements StartPosition {}

  /**
   * At an offset per partition, as a previous browse's {@code next_offsets} give; only these
   * partitions are read.
   */
  record AtOffsets(Map<Integer, Long> offsets) implements StartPosition {
    public AtOffsets {
      offsets = Map.copyOf(offsets);
    }
  }

  /** At the first record of each partition whose timestamp is at or after {@code epochMillis}. */
  record AtTimestamp(long epochMillis) implements StartPosition {}
}
