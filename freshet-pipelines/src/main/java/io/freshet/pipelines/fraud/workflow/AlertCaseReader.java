package io.freshet.pipelines.fraud.workflow;

import io.freshet.core.codec.Codec;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.workflow.AlertAction;
import io.freshet.core.fraud.workflow.AlertBook;
import io.freshet.pipelines.kafka.GrouplessConsumers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds {@code fraud-alerts} and {@code alert-actions}, from their first records, into an {@link
 * AlertBook}: live on a thread of its own for the alert API, or once up to the current ends for a
 * status as of a past time.
 */
final class AlertCaseReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertCaseReader.class);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);

  private final String alertsTopic;
  private final Codec<FraudAlert> alerts;
  private final Codec<AlertAction> actions;
  private final AlertBook book = new AlertBook();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private final AtomicLong unreadable = new AtomicLong();
  private Thread thread;
  private volatile boolean running;

  /** Assigns every partition of both topics from the start; blocks until they are known. */
  AlertCaseReader(
      String bootstrapServers,
      String alertsTopic,
      Codec<FraudAlert> alerts,
      String actionsTopic,
      Codec<AlertAction> actions,
      String clientId) {
    this.alertsTopic = alertsTopic;
    this.alerts = alerts;
    this.actions = actions;
    this.consumer =
        new KafkaConsumer<>(
            GrouplessConsumers.props(bootstrapServers, clientId, IsolationLevel.READ_COMMITTED));
    try {
      this.partitions =
          GrouplessConsumers.assignFromStart(
              consumer, List.of(alertsTopic, actionsTopic), METADATA_TIMEOUT);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /** Follows both topics on a daemon thread from now on. */
  AlertCaseReader follow() {
    running = true;
    thread = new Thread(this::loop, "freshet-alert-cases");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /**
   * Reads both topics once, up to their ends now, keeping alerts detected and actions taken at or
   * before {@code asOf}; the reader is closed afterwards.
   *
   * @throws IllegalStateException when the ends are not reached within {@code deadline}
   */
  AlertBook replayUntil(long asOf, Duration deadline) {
    try {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
      long end = System.nanoTime() + deadline.toNanos();
      while (!reached(ends)) {
        if (System.nanoTime() > end) {
          throw new IllegalStateException(
              "the alert log was not read to its end within " + deadline);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          apply(record, at -> at <= asOf);
        }
      }
      return book;
    } finally {
      consumer.close();
    }
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey(), METADATA_TIMEOUT) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          apply(record, at -> true);
        }
        Map<TopicPartition, Long> now = new HashMap<>();
        for (TopicPartition partition : partitions) {
          now.put(partition, consumer.position(partition));
        }
        synchronized (positions) {
          positions.putAll(now);
          positions.notifyAll();
        }
      }
    } catch (WakeupException e) {
      LOG.debug("Alert case reader woken up to stop", e);
    } catch (RuntimeException e) {
      LOG.error("The alert case reader stopped; the alert API answers 503 until a restart", e);
    } finally {
      running = false;
      consumer.close();
      synchronized (positions) {
        positions.notifyAll();
      }
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record, LongPredicate keep) {
    try {
      if (record.topic().equals(alertsTopic)) {
        FraudAlert alert = alerts.decode(record.value());
        if (keep.test(alert.detectedAt())) {
          book.onAlert(alert);
        }
      } else {
        AlertAction action = actions.decode(record.value());
        if (keep.test(action.at())) {
          book.onAction(action);
        }
      }
    } catch (IllegalArgumentException e) {
      unreadable.incrementAndGet();
      LOG.warn(
          "Skipping an unreadable record at {}-{}@{}",
          record.topic(),
          record.partition(),
          record.offset(),
          e);
    }
  }

  /** The cases folded so far. */
  AlertBook book() {
    return book;
  }

  /** Whether the live reader is following the topics. */
  boolean following() {
    return running;
  }

  /**
   * Waits until the record at {@code offset} of {@code partition} has been folded.
   *
   * @return false when {@code deadline} passed first or the reader stopped
   */
  boolean awaitFolded(TopicPartition partition, long offset, Duration deadline)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    synchronized (positions) {
      while (positions.getOrDefault(partition, 0L) <= offset) {
        long left = end - System.nanoTime();
        if (left <= 0 || !running) {
          return false;
        }
        positions.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  /** Records that could not be decoded (never expected; logged). */
  long unreadable() {
    return unreadable.get();
  }

  @Override
  public void close() throws InterruptedException {
    if (thread == null) {
      consumer.close();
      return;
    }
    running = false;
    consumer.wakeup();
    thread.join(Duration.ofSeconds(10).toMillis());
  }
}
