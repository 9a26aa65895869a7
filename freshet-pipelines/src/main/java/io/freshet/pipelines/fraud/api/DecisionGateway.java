package io.freshet.pipelines.fraud.api;

import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.TransactionDecisionCodec;
import io.freshet.pipelines.fraud.api.DecisionBook.Registration;
import io.freshet.pipelines.kafka.EndPositions;
import io.freshet.pipelines.kafka.GrouplessConsumers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision API's two Kafka clients: an idempotent producer appending transactions ({@code
 * acks=all}) and a listener reading {@code transaction-decisions} <em>read_uncommitted</em>, so a
 * decision reaches the caller as soon as the fraud job has written it, not one checkpoint later.
 *
 * <p>Reading uncommitted decisions is sound because a decision is a deterministic function of the
 * customer's partition order and the restored state: after a failure the job replays from its last
 * checkpoint and writes the same decision again (only {@code decided_at} differs), which is the one
 * that commits. {@link DecisionBook} counts any replayed decision that differs; {@code
 * DecisionApiKillIT} proves there are none across a kill -9.
 */
final class DecisionGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionGateway.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final String transactionsTopic;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final DecisionBook book;
  private final Thread listener;
  private final AtomicLong unreadable = new AtomicLong();
  private volatile boolean running = true;

  DecisionGateway(
      String bootstrapServers, String transactionsTopic, String decisionsTopic, DecisionBook book) {
    this.transactionsTopic = transactionsTopic;
    this.book = book;
    this.producer = new KafkaProducer<>(producerProps(bootstrapServers));
    try {
      this.consumer =
          new KafkaConsumer<>(
              GrouplessConsumers.props(
                  // Decisions before their transaction commits: see the class comment for why this
                  // is safe.
                  bootstrapServers, "freshet-decision-listener", IsolationLevel.READ_UNCOMMITTED));
      // A decision written after start-up must never be skipped.
      EndPositions.assignAtEnd(consumer, List.of(decisionsTopic), START_TIMEOUT);
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
    this.listener = new Thread(this::listen, "freshet-decision-listener");
    listener.setDaemon(true);
    listener.start();
  }

  /**
   * Registers {@code txn} and appends its original bytes unless its event id was already submitted;
   * the returned entry completes {@code appended} when the broker acknowledged the record and
   * {@code decision} when the job decided it.
   */
  DecisionBook.Entry submit(Transaction txn, byte[] value, long nowNanos) {
    Registration registration = book.register(txn.eventId(), txn.transactionId(), nowNanos);
    DecisionBook.Entry entry = registration.entry();
    if (!registration.fresh()) {
      return entry;
    }
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            transactionsTopic, txn.customerId().getBytes(StandardCharsets.UTF_8), value);
    try {
      producer.send(
          record,
          (metadata, failure) -> {
            if (failure == null) {
              entry.appended.complete(null);
            } else {
              book.forget(entry);
              entry.appended.completeExceptionally(failure);
            }
          });
    } catch (RuntimeException e) {
      book.forget(entry);
      entry.appended.completeExceptionally(e);
    }
    return entry;
  }

  /** Decisions on the topic that could not be read (never expected; logged). */
  long unreadableDecisions() {
    return unreadable.get();
  }

  private void listen() {
    TransactionDecisionCodec codec = new TransactionDecisionCodec();
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          TransactionDecision decision;
          try {
            // Most decisions are of transactions other clients appended: decoding all of them
            // was 7 % of freshet run's CPU in a catch-up with no request waiting.
            if (!book.knows(TransactionDecisionCodec.transactionId(record.value()))) {
              continue;
            }
            decision = codec.decode(record.value());
          } catch (IllegalArgumentException e) {
            unreadable.incrementAndGet();
            LOG.warn("Unreadable decision at offset {} of {}", record.offset(), record.topic(), e);
            continue;
          }
          book.decided(decision, System.nanoTime());
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("The decision listener stopped; the decision API answers 503 from now on", e);
      running = false;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** True while the listener reads decisions. */
  boolean listening() {
    return running && listener.isAlive();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      listener.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }

  private static Properties producerProps(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "freshet-decision-api");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // A gateway waits on every record: send it at once rather than wait for a batch to fill.
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    // Never block a request thread for long on a broker that is gone; the request answers 503.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }
}
