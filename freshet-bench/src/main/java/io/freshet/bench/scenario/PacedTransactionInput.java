package io.freshet.bench.scenario;

import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.testkit.fraud.PlainTransactions;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces the transactions into Freshet's {@code transactions} topic at a steady rate, in a
 * background thread, so the process is killed while input is still arriving.
 */
final class PacedTransactionInput implements Runnable {
  private static final String CUSTOMER_PREFIX = "rc-";
  static final String TRANSACTION_PREFIX = "rtx-";

  private final BenchKafka kafka;
  private final int events;
  private final int customers;
  private final double rate;
  private final long seed;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicLong sent = new AtomicLong();

  PacedTransactionInput(BenchKafka kafka, int events, int customers, double rate, long seed) {
    this.kafka = kafka;
    this.events = events;
    this.customers = customers;
    this.rate = rate;
    this.seed = seed;
  }

  @Override
  public void run() {
    PlainTransactions transactions = FraudWorkloads.plain(seed);
    SplittableRandom customerOf = new SplittableRandom(seed + 1);
    String topic = FraudTopics.TRANSACTIONS.name();
    long started = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
      for (int i = 0; i < events; i++) {
        if (i % 1000 == 0) {
          throwIfFailed();
          long due = started + (long) (i / rate * 1e9);
          TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
        }
        BenchRecord record =
            BenchRecord.of(
                transactions.next(
                    CUSTOMER_PREFIX + customerOf.nextInt(customers),
                    TRANSACTION_PREFIX + i,
                    // Event time advancing 10 ms per transaction, as a steady stream would.
                    FraudWorkloads.EVENT_TIME_BASE + 10L * i));
        producer.send(
            new ProducerRecord<>(topic, record.key(), record.value()),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              } else {
                sent.incrementAndGet();
              }
            });
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
    throwIfFailed();
  }

  void throwIfFailed() {
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException(
          "producing the recovery input failed after " + sent.get() + " records", e);
    }
  }
}
