package io.freshet.runtime.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Waits for the Admin client's futures with a bound, turning every failure into the {@link
 * KafkaException} behind it, so callers handle one unchecked kind and never wait past their
 * deadline.
 */
public final class AdminCalls {
  private AdminCalls() {}

  /**
   * The future's value within {@code timeout}.
   *
   * @throws KafkaException the cause of the failure, or a {@link TimeoutException} when the timeout
   *     passes first
   */
  public static <T> T await(KafkaFuture<T> future, Duration timeout) throws InterruptedException {
    try {
      return future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KafkaException kafka) {
        throw kafka;
      }
      throw new KafkaException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException("Kafka did not answer within " + timeout.toMillis() + " ms", e);
    }
  }

  /** {@code timeout} in whole milliseconds for an Admin call's options, at least 1. */
  public static int millis(Duration timeout) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }
}
