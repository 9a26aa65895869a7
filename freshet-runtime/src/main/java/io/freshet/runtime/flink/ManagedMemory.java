package io.freshet.runtime.flink;

import org.apache.flink.configuration.MemorySize;

/**
 * The off-heap memory a TaskManager gives RocksDB for its block cache and write buffers, shared
 * evenly by its slots; RocksDB allocates it as it fills, so an idle process does not pay for it.
 *
 * @param bytes the TaskManager's managed memory in bytes
 */
public record ManagedMemory(long bytes) {
  /** The least that leaves each RocksDB instance room for its write buffers. */
  public static final long MIN_BYTES = 64L << 20;

  /**
   * 1 GiB, a third of it per job of {@code freshet run} at parallelism 2. Too little starves the
   * block cache: a million customers with 20 transactions each ran at 47 % of the rate of 100,000
   * customers with 128 MiB for the fraud job, at 67–70 % with 1 GiB (docs/benchmarks.md, issue 11).
   */
  public static final ManagedMemory DEFAULT = new ManagedMemory(1L << 30);

  public ManagedMemory {
    if (bytes < MIN_BYTES) {
      throw new IllegalArgumentException(
          "--managed-memory must be at least 64m, was " + text(bytes));
    }
  }

  /**
   * Reads a size as Flink writes them: {@code 512m}, {@code 2g}, {@code 1073741824}.
   *
   * @throws IllegalArgumentException naming the option and the expected form
   */
  public static ManagedMemory parse(String text) {
    MemorySize size;
    try {
      size = MemorySize.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--managed-memory '" + text + "' is not a size such as 512m or 2g", e);
    }
    return new ManagedMemory(size.getBytes());
  }

  /** The value of Flink's {@code taskmanager.memory.managed.size}. */
  public String flinkValue() {
    return bytes + "b";
  }

  /** The size as {@link #parse} reads it: {@code 1g}, {@code 512m}, or bytes. */
  @Override
  public String toString() {
    return text(bytes);
  }

  private static String text(long bytes) {
    if (bytes % (1L << 30) == 0) {
      return (bytes >> 30) + "g";
    }
    if (bytes % (1L << 20) == 0) {
      return (bytes >> 20) + "m";
    }
    return Long.toString(bytes);
  }
}
