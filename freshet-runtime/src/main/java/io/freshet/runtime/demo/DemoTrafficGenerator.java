package io.freshet.runtime.demo;

import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionWriter;
import io.freshet.core.geo.GeoPoint;
import io.freshet.pipelines.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
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
 * Produces a steady stream of realistic card transactions at a fixed rate, with occasional fraud
 * patterns and malformed records, so a newcomer sees every output of the pipeline move.
 */
public final class DemoTrafficGenerator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoTrafficGenerator.class);
  private static final int CUSTOMERS = 1000;
  private static final long TICK_MILLIS = 100;
  private static final GeoPoint[] CITIES = {
    new GeoPoint(51.5074, -0.1278), // London
    new GeoPoint(48.8566, 2.3522), // Paris
    new GeoPoint(52.5200, 13.4050), // Berlin
    new GeoPoint(40.7128, -74.0060), // New York
    new GeoPoint(35.6762, 139.6503), // Tokyo
  };
  private static final String[] CATEGORIES = {"grocery", "fuel", "electronics", "travel", "dining"};

  private final KafkaProducer<byte[], byte[]> producer;
  private final ScheduledExecutorService scheduler;
  private final SplittableRandom random;
  private final int ratePerSecond;
  private final AtomicLong produced = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private double carry;

  private DemoTrafficGenerator(String bootstrapServers, int ratePerSecond, long seed) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "freshet-demo");
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "freshet-demo-traffic");
              t.setDaemon(true);
              return t;
            });
    this.random = new SplittableRandom(seed);
    this.ratePerSecond = ratePerSecond;
  }

  /** Starts producing {@code ratePerSecond} events per second to the transactions topic. */
  public static DemoTrafficGenerator start(String bootstrapServers, int ratePerSecond, long seed) {
    DemoTrafficGenerator generator =
        new DemoTrafficGenerator(bootstrapServers, ratePerSecond, seed);
    generator.scheduler.scheduleAtFixedRate(generator::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return generator;
  }

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
        emitOne(now);
      }
    } catch (RuntimeException e) {
      // The scheduler would silently stop on an exception; log it and keep generating.
      LOG.warn("Demo traffic tick failed", e);
    }
  }

  private void emitOne(long now) {
    String customer = "cust-" + random.nextInt(CUSTOMERS);
    int roll = random.nextInt(1000);
    if (roll == 0) {
      send(customer, "{\"event_id\": \"broken".getBytes(StandardCharsets.UTF_8));
      return;
    }
    int home = Math.floorMod(customer.hashCode(), CITIES.length);
    GeoPoint where = jitter(CITIES[home]);
    double amount = Math.round(random.nextDouble(5, 150) * 100) / 100.0;
    if (roll < 3) {
      where = CITIES[(home + 1 + random.nextInt(CITIES.length - 1)) % CITIES.length];
    } else if (roll < 6) {
      amount = amount * 20;
    } else if (roll < 8) {
      for (int i = 0; i < 6; i++) {
        send(customer, transaction(customer, now - 1000L * (6 - i), amount, where));
      }
    }
    send(customer, transaction(customer, now, amount, where));
  }

  private byte[] transaction(String customer, long eventTime, double amount, GeoPoint where) {
    String id = UUID.randomUUID().toString();
    Transaction txn =
        new Transaction(
            id,
            eventTime,
            "tx-" + id,
            customer,
            amount,
            "EUR",
            "merchant-" + random.nextInt(200),
            CATEGORIES[random.nextInt(CATEGORIES.length)],
            String.format("%04d", random.nextInt(10_000)),
            where,
            "device-" + Math.floorMod(customer.hashCode(), 9973),
            "10.0." + random.nextInt(256) + "." + random.nextInt(256),
            random.nextBoolean() ? "online" : "card_present");
    return TransactionWriter.write(txn, "freshet-demo", id, id);
  }

  private GeoPoint jitter(GeoPoint p) {
    return new GeoPoint(
        p.lat() + random.nextDouble(-0.05, 0.05), p.lon() + random.nextDouble(-0.05, 0.05));
  }

  private void send(String customer, byte[] value) {
    producer.send(
        new ProducerRecord<>(
            Topics.TRANSACTIONS.name(), customer.getBytes(StandardCharsets.UTF_8), value),
        (metadata, error) -> {
          if (error == null) {
            produced.incrementAndGet();
          } else if (failed.incrementAndGet() % 1000 == 1) {
            LOG.warn("Demo traffic could not be produced", error);
          }
        });
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
