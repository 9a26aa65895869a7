package io.freshet.bench.chaos;

import io.freshet.bench.harness.BenchKafka;
import io.freshet.testkit.fraud.GeneratedRecord;
import io.freshet.testkit.fraud.TransactionStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces a seeded transaction stream into the input topic at a steady rate, in a thread of its
 * own, so every failure strikes while input is still arriving; an idempotent, {@code acks=all}
 * producer rides out a broker's death with retries.
 */
final class SteadyInput implements AutoCloseable {
  private final BenchKafka kafka;
  private final String topic;
  private final TransactionStream stream;
  private final double rate;
  private final Thread thread;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean finished;

  SteadyInput(BenchKafka kafka, String topic, TransactionStream stream, double rate) {
    this.kafka = kafka;
    this.topic = topic;
    this.stream = stream;
    this.rate = rate;
    this.thread = new Thread(this::produce, "chaos-input");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void produce() {
    long started = System.nanoTime();
    long i = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
      for (GeneratedRecord record : stream) {
        if (i % 100 == 0) {
          long due = started + (long) (i / rate * 1e9);
          TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
          throwIfFailed();
        }
        producer.send(
            new ProducerRecord<>(
                topic, record.key().getBytes(StandardCharsets.UTF_8), record.value()),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              } else {
                acknowledged.incrementAndGet();
              }
            });
        i++;
      }
      producer.flush();
      finished = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Records the brokers acknowledged so far. */
  long acknowledged() {
    throwIfFailed();
    return acknowledged.get();
  }

  /** Whether every record was sent and acknowledged. */
  boolean finished() {
    throwIfFailed();
    return finished;
  }

  void throwIfFailed() {
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException(
          "producing the input failed after " + acknowledged.get() + " records", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(Duration.ofSeconds(30).toMillis());
  }
}
