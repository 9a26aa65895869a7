package io.freshet.bench.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples the job's consumer lag on its input twice a second, as an operator's dashboard would, and
 * keeps the peak since the last reset. Flink commits the group's offsets when a checkpoint
 * completes, so the lag seen includes up to one checkpoint interval of records already processed.
 */
final class LagSampler implements AutoCloseable {
  private static final long INTERVAL_MILLIS = 500;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;
  private final String group;
  private final String topic;
  private final Thread thread;
  private final AtomicLong peak = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private volatile boolean stopped;

  LagSampler(Admin admin, String group, String topic) {
    this.admin = admin;
    this.group = group;
    this.topic = topic;
    this.thread = new Thread(this::sample, "chaos-lag");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void sample() {
    while (!stopped) {
      try {
        peak.accumulateAndGet(lag(), Math::max);
      } catch (KafkaException | java.util.concurrent.ExecutionException e) {
        // A broker just killed may not answer; the next sample will.
        lastError.set(e.toString());
      } catch (java.util.concurrent.TimeoutException e) {
        lastError.set("lag sample timed out");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private long lag()
      throws InterruptedException,
          java.util.concurrent.ExecutionException,
          java.util.concurrent.TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetSpec> latest =
        committed.keySet().stream()
            .filter(tp -> tp.topic().equals(topic))
            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    if (latest.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
      OffsetAndMetadata at = committed.get(end.getKey());
      lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
    }
    return lag;
  }

  /** The highest lag sampled since the last reset, and resets it. */
  long takePeak() {
    return peak.getAndSet(0);
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.interrupt();
    thread.join(Duration.ofSeconds(10).toMillis());
  }
}
