package io.freshet.runtime.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the records of one command request in one Kafka transaction, so that the pipelines
 * (reading {@code read_committed}) see all of them or none, even when the broker fails half-way.
 *
 * <p>One producer serves every request in turn: a transactional producer runs one transaction at a
 * time. Its transactional id is stable across restarts of the same data dir, so a transaction left
 * open by a killed process is aborted as soon as the next one starts instead of holding back the
 * pipelines' consumers until it times out.
 */
public final class TransactionalAppender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionalAppender.class);

  /** Short, so that a transaction left open by a crash stalls read_committed readers briefly. */
  static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

  private final Properties props;
  private KafkaProducer<byte[], byte[]> producer;

  /**
   * @param bootstrapServers the cluster
   * @param transactionalId stable per Freshet instance
   * @param budget how long one append may block on an unreachable broker before it fails
   */
  public TransactionalAppender(String bootstrapServers, String transactionalId, Duration budget) {
    int millis = (int) budget.toMillis();
    props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(millis));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(millis));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(millis));
    props.put(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT.toMillis()));
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
  }

  /**
   * Appends {@code records} atomically and returns where each landed, in order.
   *
   * @throws AppendFailedException when the transaction could not be committed; it was aborted, or
   *     never began, so none of the records is visible to read_committed readers
   */
  public synchronized List<RecordMetadata> appendAll(List<ProducerRecord<byte[], byte[]>> records)
      throws AppendFailedException {
    try {
      if (producer == null) {
        producer = new KafkaProducer<>(props);
        producer.initTransactions();
      }
      producer.beginTransaction();
      List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
      for (ProducerRecord<byte[], byte[]> record : records) {
        sent.add(producer.send(record));
      }
      // Flushes the sends and fails if any of them failed.
      producer.commitTransaction();
      List<RecordMetadata> landed = new ArrayList<>(sent.size());
      for (Future<RecordMetadata> future : sent) {
        landed.add(future.get());
      }
      return landed;
    } catch (KafkaException | ExecutionException e) {
      reset();
      throw new AppendFailedException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reset();
      throw new AppendFailedException(e);
    }
  }

  /**
   * Drops the producer after a failure: whatever state its transaction is in, the next producer's
   * initTransactions aborts it, and a timed-out producer cannot be trusted to recover by itself.
   */
  private void reset() {
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (KafkaException e) {
        LOG.debug("Closing the failed command producer failed too", e);
      }
      producer = null;
    }
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  /** The records of a request could not be appended; none of them is visible. */
  public static final class AppendFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    AppendFailedException(Throwable cause) {
      super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    }
  }
}
