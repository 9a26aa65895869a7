package io.freshet.runtime.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.pipelines.kafka.EndPositions;
import io.freshet.pipelines.kafka.GrouplessConsumers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the dashboard's feeds from Kafka, from their ends at start-up, as a {@code read_committed}
 * consumer without a group (nothing to commit, nothing to rebalance), and hands each poll's records
 * to the {@link LiveHub} under their feed names. Committed only: a page never shows a result that a
 * failed checkpoint then takes back.
 */
public final class LiveFeedReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeedReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, String> feedByTopic;
  private final LiveHub hub;
  private final ObjectMapper mapper;
  private final Thread thread;
  private final AtomicLong unreadable = new AtomicLong();

  /**
   * @param feedByTopic the feed name of each real topic name
   */
  public LiveFeedReader(
      String bootstrapServers, Map<String, String> feedByTopic, LiveHub hub, ObjectMapper mapper) {
    this.feedByTopic = Map.copyOf(feedByTopic);
    this.hub = hub;
    this.mapper = mapper;
    this.consumer =
        new KafkaConsumer<>(
            GrouplessConsumers.props(
                bootstrapServers, "freshet-dashboard-feeds", IsolationLevel.READ_COMMITTED));
    try {
      EndPositions.assignAtEnd(consumer, this.feedByTopic.keySet(), START_TIMEOUT);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
    this.thread = new Thread(this::run, "freshet-dashboard-feeds");
    thread.setDaemon(true);
    thread.start();
  }

  /** Records that were not JSON and so were not shown. */
  public long unreadable() {
    return unreadable.get();
  }

  private void run() {
    try {
      while (true) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        Map<String, List<JsonNode>> byFeed = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          JsonNode value = parse(record);
          if (value != null) {
            byFeed
                .computeIfAbsent(feedByTopic.get(record.topic()), f -> new ArrayList<>())
                .add(value);
          }
        }
        byFeed.forEach(hub::publish);
      }
    } catch (WakeupException e) {
      // close() asked the loop to end.
    } catch (RuntimeException e) {
      LOG.error("The dashboard's feed reader stopped; pages get no more records", e);
    } finally {
      consumer.close(Duration.ZERO);
    }
  }

  private JsonNode parse(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    try {
      return mapper.readTree(record.value());
    } catch (IOException e) {
      if (unreadable.incrementAndGet() == 1) {
        LOG.warn(
            "A record of {} at offset {} is not JSON; such records are left off the dashboard",
            record.topic(),
            record.offset(),
            e);
      }
      return null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(Duration.ofSeconds(10).toMillis());
  }
}
