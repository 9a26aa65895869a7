package io.freshet.testkit.fraud;

import io.freshet.testkit.fraud.GeneratedRecord.Kind;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A seeded stream of millions of valid transactions in event-time order, generated on the fly in
 * constant memory: background traffic with planted velocity bursts, impossible travel and outsized
 * amounts, made by {@link TransactionScenarioGenerator#stream(long)}.
 *
 * <p>Background transactions go to uniformly drawn customers at a fixed event-time step, so each
 * customer sees one about every 30 minutes (or the generator's customer gap); every {@value
 * #BURST_EVERY_MAX}th (fewer in small runs) is followed by 5-8 more of its customer within 20-115
 * s, 6-9 in all, so each burst exceeds the velocity limit, some only just; every {@value
 * #ODD_EVERY}th is 10 times the customer's usual amount, and the one halfway between two of those
 * is about 2,200 km from home. Transaction ids are {@code t<n>} with n the 0-based position in the
 * stream, customer ids {@code c<index>}. The expectations come from {@link FraudReference}, not
 * from the plants.
 */
public final class TransactionStream implements Iterable<GeneratedRecord> {
  /** Default mean event-time gap between two background transactions of one customer. */
  static final long CUSTOMER_GAP_MILLIS = 30 * 60_000L;

  static final int BURST_EVERY_MAX = 1_000;
  static final int ODD_EVERY = 2_500;

  private static final String[] CATEGORIES = {
    "grocery", "fuel", "restaurant", "electronics", "pharmacy", "apparel", "travel"
  };
  private static final String[] CHANNELS = {"pos", "online", "contactless", "atm"};

  private final long seed;
  private final long events;
  private final int customers;
  private final long start;
  private final long customerGapMillis;
  private final int burstEvery;

  TransactionStream(long seed, long events, int customers, Instant start) {
    this(seed, events, customers, start, CUSTOMER_GAP_MILLIS);
  }

  TransactionStream(long seed, long events, int customers, Instant start, long customerGapMillis) {
    if (events < 1 || customers < 1) {
      throw new IllegalArgumentException("need events >= 1 and customers >= 1");
    }
    this.seed = seed;
    this.events = events;
    this.customers = customers;
    this.start = start.toEpochMilli();
    this.customerGapMillis = customerGapMillis;
    // About one burst per 1,000 events, at least 5 in small runs so there is material.
    this.burstEvery = (int) Math.max(50, Math.min(BURST_EVERY_MAX, events / 5));
  }

  /** The seed it is drawn from. */
  public long seed() {
    return seed;
  }

  public long events() {
    return events;
  }

  public int customers() {
    return customers;
  }

  /** Event time of the first transaction. */
  public Instant start() {
    return Instant.ofEpochMilli(start);
  }

  /** The records in production order; every call starts the same stream again. */
  @Override
  public Iterator<GeneratedRecord> iterator() {
    return new Generator();
  }

  /** The record values only, in production order, for {@link FraudReference}. */
  public Iterator<byte[]> values() {
    Iterator<GeneratedRecord> records = iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public byte[] next() {
        return records.next().value();
      }
    };
  }

  /** The position in the stream a transaction id carries ({@code t<n>}), or -1 if not one. */
  public static long sequenceOf(String transactionId) {
    if (transactionId == null || transactionId.length() < 2 || transactionId.charAt(0) != 't') {
      return -1;
    }
    try {
      return Long.parseLong(transactionId, 1, transactionId.length(), 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The customer id of customer number {@code index}. */
  public static String customerId(int index) {
    return "c" + index;
  }

  /** Event-time step between background transactions. */
  long stepMillis() {
    return Math.max(1, customerGapMillis / customers);
  }

  private final class Generator implements Iterator<GeneratedRecord> {
    private final SplittableRandom random = new SplittableRandom(seed);
    private final PriorityQueue<Planned> planted = new PriorityQueue<>();
    private final long step = stepMillis();
    private long emitted;
    private long background;
    private long plannedCount;

    @Override
    public boolean hasNext() {
      return emitted < events;
    }

    @Override
    public GeneratedRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      long nextBackground = start + background * step;
      GeneratedRecord record;
      if (!planted.isEmpty() && planted.peek().time() <= nextBackground) {
        Planned p = planted.poll();
        record = transaction(p.customer(), p.time(), 1.0, false);
      } else {
        record = backgroundAt(nextBackground);
        background++;
      }
      emitted++;
      return record;
    }

    private GeneratedRecord backgroundAt(long time) {
      int customer = random.nextInt(customers);
      long n = background + 1;
      if (n % burstEvery == 0) {
        planBurst(customer, time);
      }
      boolean travel = n % ODD_EVERY == ODD_EVERY / 2;
      double amountFactor = n % ODD_EVERY == 0 ? 10.0 : 1.0;
      return transaction(customer, time, amountFactor, travel);
    }

    private void planBurst(int customer, long time) {
      int size = 5 + random.nextInt(4);
      long span = 20_000 + random.nextLong(95_001);
      for (int i = 1; i <= size; i++) {
        // The counter keeps equal times in planning order, so the stream is reproducible.
        planted.add(new Planned(time + span * i / size, plannedCount++, customer));
      }
    }

    private GeneratedRecord transaction(
        int customer, long time, double amountFactor, boolean travel) {
      // Per-customer constants come from the customer's own seed, so no table is needed.
      SplittableRandom home = new SplittableRandom(seed * 1_000_003L + customer);
      double homeLat = 25 + home.nextDouble() * 30;
      double homeLon = -120 + home.nextDouble() * 50;
      long baseCents = 2_000 + home.nextInt(100) * 100L;
      String card = Integer.toString(10_000 + home.nextInt(10_000)).substring(1);
      String device = "dev-" + Long.toHexString(home.nextLong());
      double lat = homeLat + (random.nextDouble() - 0.5) * 0.1;
      double lon = homeLon + (random.nextDouble() - 0.5) * 0.1;
      if (travel) {
        lat = lat > 40 ? lat - 20 : lat + 20;
      }
      long cents = Math.round(baseCents * (1 + random.nextDouble() * 1.5) * amountFactor);
      String customerId = customerId(customer);
      String txnId = "t" + emitted;
      String eventId = TransactionScenarioGenerator.uuid(random);
      TransactionEnvelopeBuilder envelope =
          TransactionEnvelopeBuilder.transaction(txnId, customerId, Instant.ofEpochMilli(time))
              .eventId(eventId)
              .amountCents(cents)
              .merchant("m" + random.nextInt(5_000), CATEGORIES[random.nextInt(CATEGORIES.length)])
              .cardLastFour(card)
              .deviceFingerprint(device)
              .ipAddress(
                  "10."
                      + random.nextInt(256)
                      + "."
                      + random.nextInt(256)
                      + "."
                      + random.nextInt(256))
              .channel(CHANNELS[random.nextInt(CHANNELS.length)])
              // Card terminals report about a metre of precision, not seventeen digits.
              .at(round5(lat), round5(lon));
      return new GeneratedRecord(
          customerId,
          envelope.bytes(),
          Kind.VALID,
          customerId,
          -1,
          eventId,
          txnId,
          Instant.ofEpochMilli(time),
          null);
    }
  }

  private static double round5(double v) {
    return Math.round(v * 100_000) / 100_000.0;
  }

  private record Planned(long time, long order, int customer) implements Comparable<Planned> {
    @Override
    public int compareTo(Planned o) {
      int byTime = Long.compare(time, o.time);
      return byTime != 0 ? byTime : Long.compare(order, o.order);
    }
  }
}
