package io.freshet.runtime.demo;

import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.plugin.DemoGenerator;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces generated events at a steady rate: every 100 ms it asks the generator for its share of
 * the per-second rate and sends the records with an idempotent, acks=all producer.
 */
public final class PacedProducer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PacedProducer.class);
  private static final long TICK_MILLIS = 100;

  private final KafkaProducer<byte[], byte[]> producer;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong produced = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final DemoGenerator generator;
  private final int ratePerSecond;
  private double carry;

  private PacedProducer(
      KafkaConnection kafka, String name, int ratePerSecond, DemoGenerator generator) {
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, name);
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    this.generator = generator;
    this.ratePerSecond = ratePerSecond;
  }

  /** Starts generating {@code ratePerSecond} events per second. */
  public static PacedProducer start(
      KafkaConnection kafka, String name, int ratePerSecond, DemoGenerator generator) {
    PacedProducer paced = new PacedProducer(kafka, name, ratePerSecond, generator);
    paced.scheduler.scheduleAtFixedRate(paced::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return paced;
  }

  /** Records acknowledged by the broker so far. */
  public long produced() {
    return produced.get();
  }

  private void tick() {
    try {
      carry += ratePerSecond * TICK_MILLIS / 1000.0;
      int n = (int) carry;
      carry -= n;
      long now = System.currentTimeMillis();
      for (int i = 0; i < n; i++) {
        generator.next(now, this::send);
      }
    } catch (RuntimeException e) {
      // The scheduler would silently stop on an exception; log it and keep generating.
      LOG.warn("Demo traffic tick failed", e);
    }
  }

  private void send(String topic, byte[] key, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, error) -> {
          if (error == null) {
            produced.incrementAndGet();
          } else if (failed.incrementAndGet() % 1000 == 1) {
            LOG.warn("Demo traffic could not be produced to {}", topic, error);
          }
        });
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
