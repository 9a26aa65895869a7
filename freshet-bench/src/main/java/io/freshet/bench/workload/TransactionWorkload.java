package io.freshet.bench.workload;

import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionWriter;
import io.freshet.core.geo.GeoPoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A seeded stream of card transactions for benchmarks, in event-time order: background traffic that
 * fires no rule on its own, with planted velocity bursts (6–9 transactions within 20–110 s),
 * occasional impossible travel and outsized amounts. One seed gives the same stream every time.
 *
 * <p>Background events are spread evenly over customers so each customer sees one about every 30
 * minutes of event time; the stream is generated on the fly, so millions of events need no memory.
 */
public final class TransactionWorkload {
  /** Event time of the first transaction. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** Mean event-time gap between two background transactions of one customer. */
  static final long CUSTOMER_GAP_MILLIS = 30 * 60_000L;

  private static final String[] CATEGORIES = {
    "grocery", "fuel", "restaurant", "electronics", "pharmacy", "apparel", "travel"
  };
  private static final String[] CHANNELS = {"pos", "online", "contactless", "atm"};

  private final long seed;
  private final long events;
  private final int customers;
  private final int burstEvery;
  private final int oddEvery;

  /**
   * @param events how many transactions in total, bursts included
   * @param customers distinct customers
   */
  public TransactionWorkload(long seed, long events, int customers) {
    if (events < 1 || customers < 1) {
      throw new IllegalArgumentException("need events >= 1 and customers >= 1");
    }
    this.seed = seed;
    this.events = events;
    this.customers = customers;
    // About one burst per 1,000 events, at least 5 in small runs so the comparison has material.
    this.burstEvery = (int) Math.max(50, Math.min(1_000, events / 5));
    this.oddEvery = 2_500;
  }

  public long events() {
    return events;
  }

  public int customers() {
    return customers;
  }

  /** Event-time step between background events. */
  long stepMillis() {
    return Math.max(1, CUSTOMER_GAP_MILLIS / customers);
  }

  /** The transactions, in event-time order. */
  public Iterator<Transaction> transactions() {
    return new Generator();
  }

  /** The transactions as Kafka records keyed by customer. */
  public Iterator<BenchRecord> records() {
    Iterator<Transaction> txns = transactions();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return txns.hasNext();
      }

      @Override
      public BenchRecord next() {
        Transaction txn = txns.next();
        return new BenchRecord(
            txn.customerId().getBytes(StandardCharsets.UTF_8),
            TransactionWriter.write(txn, "freshet-bench", null, null));
      }
    };
  }

  /** The sequence number a transaction id carries ({@code t<seq>}). */
  public static long sequenceOf(String transactionId) {
    return Long.parseLong(transactionId, 1, transactionId.length(), 10);
  }

  /** The customer id of customer number {@code index}. */
  public static String customerId(int index) {
    return "c" + index;
  }

  private final class Generator implements Iterator<Transaction> {
    private final SplittableRandom random = new SplittableRandom(seed);
    private final PriorityQueue<Planned> planted = new PriorityQueue<>();
    private final long step = stepMillis();
    private long emitted;
    private long background;

    @Override
    public boolean hasNext() {
      return emitted < events;
    }

    @Override
    public Transaction next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      long nextBackground = START.toEpochMilli() + background * step;
      Transaction txn;
      if (!planted.isEmpty() && planted.peek().time() <= nextBackground) {
        Planned p = planted.poll();
        txn = transaction(p.customer(), p.time(), 1.0, false);
      } else {
        txn = backgroundAt(nextBackground);
        background++;
      }
      emitted++;
      return txn;
    }

    private Transaction backgroundAt(long time) {
      int customer = random.nextInt(customers);
      long n = background + 1;
      if (n % burstEvery == 0) {
        planBurst(customer, time);
      }
      boolean travel = n % oddEvery == oddEvery / 2;
      double amountFactor = n % oddEvery == 0 ? 10.0 : 1.0;
      return transaction(customer, time, amountFactor, travel);
    }

    /**
     * 5–8 more transactions of the customer within 20–115 s after the one at {@code time}: 6–9 in
     * all, so every burst exceeds the velocity limit of 5 in 120 s, some only just.
     */
    private void planBurst(int customer, long time) {
      int size = 5 + random.nextInt(4);
      long span = 20_000 + random.nextLong(95_001);
      for (int i = 1; i <= size; i++) {
        planted.add(new Planned(time + span * i / size, customer));
      }
    }

    private Transaction transaction(int customer, long time, double amountFactor, boolean travel) {
      // Per-customer constants come from the customer's own seed, so no table is needed.
      SplittableRandom home = new SplittableRandom(seed * 1_000_003L + customer);
      double homeLat = 25 + home.nextDouble() * 30;
      double homeLon = -120 + home.nextDouble() * 50;
      double base = 20 + home.nextInt(100);
      String card = String.format("%04d", home.nextInt(10_000));
      String device = "dev-" + Long.toHexString(home.nextLong());
      double lat = homeLat + (random.nextDouble() - 0.5) * 0.1;
      double lon = homeLon + (random.nextDouble() - 0.5) * 0.1;
      if (travel) {
        lat = lat > 40 ? lat - 20 : lat + 20;
      }
      // Card terminals report about a metre of precision, not seventeen digits.
      lat = Math.round(lat * 100_000) / 100_000.0;
      lon = Math.round(lon * 100_000) / 100_000.0;
      double amount =
          Math.round(base * (1 + random.nextDouble() * 1.5) * amountFactor * 100) / 100.0;
      return new Transaction(
          new UUID(random.nextLong(), random.nextLong()).toString(),
          time,
          "t" + emitted,
          customerId(customer),
          amount,
          "USD",
          "m" + random.nextInt(5_000),
          CATEGORIES[random.nextInt(CATEGORIES.length)],
          card,
          new GeoPoint(lat, lon),
          device,
          "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256),
          CHANNELS[random.nextInt(CHANNELS.length)]);
    }
  }

  private record Planned(long time, int customer) implements Comparable<Planned> {
    @Override
    public int compareTo(Planned o) {
      return Long.compare(time, o.time);
    }
  }
}
