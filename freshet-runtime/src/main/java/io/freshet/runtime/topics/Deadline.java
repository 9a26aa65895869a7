package io.freshet.runtime.topics;

import io.freshet.runtime.kafka.AdminCalls;
import java.time.Duration;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The time left of one call to the cluster: each call of the Topics page ends within its timeout.
 */
final class Deadline {
  private final long endNanos;
  private final Duration timeout;

  Deadline(Duration timeout) {
    this.timeout = timeout;
    this.endNanos = System.nanoTime() + timeout.toNanos();
  }

  boolean passed() {
    return System.nanoTime() >= endNanos;
  }

  /**
   * @throws TimeoutException when no time is left
   */
  Duration remaining() {
    long left = endNanos - System.nanoTime();
    if (left <= 0) {
      throw new TimeoutException("Kafka did not answer within " + timeout.toMillis() + " ms");
    }
    return Duration.ofNanos(left);
  }

  int millis() {
    return AdminCalls.millis(remaining());
  }

  Duration atMost(Duration d) {
    Duration left = Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    return left.compareTo(d) < 0 ? left : d;
  }
}
