package io.freshet.runtime.flink;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value read through an expensive supplier at most once per {@code maxAge}, however many threads
 * ask: one caller refreshes it, the others meanwhile get the previous value instead of issuing a
 * read of their own.
 *
 * <p>Made for Flink job statuses: on a MiniCluster {@code getJobStatus} archives the whole
 * execution graph (Java-deserialising the job's configuration and accumulators), and the decision
 * API's request threads asking all at once were a quarter of the process's CPU at 800 requests/s.
 */
final class RecentValue<T> {
  private final Supplier<T> read;
  private final long maxAgeNanos;
  private final LongSupplier nanoClock;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile T value;
  private volatile long readAtNanos;

  RecentValue(Supplier<T> read, Duration maxAge, LongSupplier nanoClock) {
    this.read = Objects.requireNonNull(read, "read");
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** The value read at most {@code maxAge} ago, or, while another thread refreshes it, the last. */
  T get() {
    T current = value;
    if (current != null && nanoClock.getAsLong() - readAtNanos < maxAgeNanos) {
      return current;
    }
    if (current != null && !refreshing.tryLock()) {
      return current;
    }
    if (current == null) {
      // Nothing to hand out yet: wait for the first read rather than return null.
      refreshing.lock();
    }
    try {
      if (value == null || nanoClock.getAsLong() - readAtNanos >= maxAgeNanos) {
        value = Objects.requireNonNull(read.get(), "read value");
        readAtNanos = nanoClock.getAsLong();
      }
      return value;
    } finally {
      refreshing.unlock();
    }
  }

  /** Forgets the value, so the next {@link #get()} reads it again (e.g. after a job was added). */
  void invalidate() {
    readAtNanos = nanoClock.getAsLong() - maxAgeNanos;
  }
}
