package io.freshet.testkit.fraud;

import io.freshet.testkit.fraud.GeneratedRecord.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded generator of card-transaction scenarios with planted fraud patterns, rule-boundary cases,
 * out-of-order arrivals, duplicate deliveries and malformed records; one seed gives identical
 * bytes.
 *
 * <p>Background traffic is built so that it never fires a rule on its own: gaps of 3-40 min, geo
 * within about 15 km of home, and amounts in [b, 2.5 b] for a per-customer b, so every mean is at
 * least b and no amount reaches 3 b. Planted segments start at least 2 h after any other
 * transaction of their customer, so each plant's expectations hold whatever the background was.
 * Amount boundary plants get no background at all, since the 30-day mean must be exact.
 */
public final class TransactionScenarioGenerator {
  private static final long SECOND = 1_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final double EARTH_RADIUS_KM = 6371.0;

  private static final List<String> CATEGORIES =
      List.of("grocery", "fuel", "restaurant", "electronics", "pharmacy", "apparel", "travel");
  private static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "CAD");
  private static final List<String> CHANNELS = List.of("pos", "online", "contactless", "atm");

  private final long seed;
  private int customers = 2000;
  private Instant baseInstant = Instants.T0;
  private Duration customerGap = Duration.ofMillis(TransactionStream.CUSTOMER_GAP_MILLIS);
  private int minTransactions = 5;
  private int maxTransactions = 20;
  private int plantsPerPattern = 5;
  private int outOfOrderCustomers = 10;
  private int duplicates = 0;
  private final Map<MalformedKind, Integer> malformed = new EnumMap<>(MalformedKind.class);

  private TransactionScenarioGenerator(long seed) {
    this.seed = seed;
  }

  /** A generator with the defaults: 2000 customers from T0, 5 plants per pattern, no noise. */
  public static TransactionScenarioGenerator withSeed(long seed) {
    return new TransactionScenarioGenerator(seed);
  }

  public TransactionScenarioGenerator customers(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("customers must be >= 1, was " + count);
    }
    this.customers = count;
    return this;
  }

  /** The event time background traffic starts from (old planted priors lie before it). */
  public TransactionScenarioGenerator baseInstant(Instant base) {
    this.baseInstant = base;
    return this;
  }

  /** How many background transactions each customer gets, drawn uniformly from [min, max]. */
  public TransactionScenarioGenerator transactionsPerCustomer(int min, int max) {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("need 1 <= min <= max, was " + min + ", " + max);
    }
    this.minTransactions = min;
    this.maxTransactions = max;
    return this;
  }

  /** How many customers get each planted pattern other than OUT_OF_ORDER. */
  public TransactionScenarioGenerator plantsPerPattern(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("plantsPerPattern must be >= 0, was " + count);
    }
    this.plantsPerPattern = count;
    return this;
  }

  /** How many customers get adjacent transactions that arrive in reverse event-time order. */
  public TransactionScenarioGenerator outOfOrderCustomers(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("outOfOrderCustomers must be >= 0, was " + count);
    }
    this.outOfOrderCustomers = count;
    return this;
  }

  /** How many duplicate deliveries to inject, each a byte-identical copy of a VALID record. */
  public TransactionScenarioGenerator duplicates(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("duplicates must be >= 0, was " + count);
    }
    this.duplicates = count;
    return this;
  }

  /** How many malformed records of one defect to inject. */
  public TransactionScenarioGenerator malformed(MalformedKind kind, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("malformed count must be >= 0, was " + count);
    }
    malformed.put(kind, count);
    return this;
  }

  /** Injects {@code count} malformed records of every defect. */
  public TransactionScenarioGenerator malformedPerKind(int count) {
    for (MalformedKind kind : MalformedKind.values()) {
      malformed(kind, count);
    }
    return this;
  }

  /**
   * A stream of {@code events} valid transactions over this generator's customers from its base
   * instant, generated on the fly for benchmarks and other runs too large to hold in memory; see
   * {@link TransactionStream}. Plants, duplicates and malformed settings do not apply to it.
   */
  public TransactionStream stream(long events) {
    return new TransactionStream(seed, events, customers, baseInstant, customerGap.toMillis());
  }

  /**
   * The mean event-time gap between two background transactions of one customer in a {@link
   * #stream} (default 30 minutes): 36 hours spreads 20 transactions per customer over 30 days.
   */
  public TransactionScenarioGenerator customerGap(Duration gap) {
    if (gap.toMillis() < 1) {
      throw new IllegalArgumentException("customerGap must be at least 1 ms, was " + gap);
    }
    this.customerGap = gap;
    return this;
  }

  /**
   * Single valid transactions whose customer, id and event time the caller chooses, for runs that
   * count exact ids rather than look for fraud; see {@link PlainTransactions}.
   */
  public PlainTransactions plain() {
    return new PlainTransactions(seed);
  }

  /** Generates the scenario; calling it again gives an equal scenario. */
  public Scenario generate() {
    SplittableRandom rnd = new SplittableRandom(seed);
    PlantedPattern[] patternOf = assignPatterns(rnd);

    List<Customer> all = new ArrayList<>(customers);
    List<List<GeneratedRecord>> sequences = new ArrayList<>(customers);
    List<Plant> plants = new ArrayList<>();
    for (int c = 0; c < customers; c++) {
      // One split per customer: a customer's data depends only on the seed and its index.
      Customer cu = new Customer(String.format("cust-%06d", c), rnd.split(), baseInstant);
      all.add(cu);
      Plant plant = build(cu, patternOf[c]);
      if (plant != null) {
        plants.add(plant);
      }
      List<GeneratedRecord> seq = new ArrayList<>();
      for (Spec s : cu.specs) {
        seq.add(cu.record(s, Kind.VALID, cu.envelope(s).bytes(), null));
      }
      sequences.add(seq);
    }
    injectDuplicates(rnd, sequences);
    injectMalformed(rnd, all, sequences);
    for (List<GeneratedRecord> seq : sequences) {
      for (int i = 0; i < seq.size(); i++) {
        seq.set(i, seq.get(i).withSequence(i));
      }
    }
    return new Scenario(seed, baseInstant, interleave(rnd, sequences), plants);
  }

  private PlantedPattern[] assignPatterns(SplittableRandom rnd) {
    List<PlantedPattern> wanted = new ArrayList<>();
    for (PlantedPattern p : PlantedPattern.values()) {
      int n = p == PlantedPattern.OUT_OF_ORDER ? outOfOrderCustomers : plantsPerPattern;
      for (int i = 0; i < n; i++) {
        wanted.add(p);
      }
    }
    if (wanted.size() > customers) {
      throw new IllegalArgumentException(
          wanted.size() + " planted customers do not fit in " + customers + " customers");
    }
    int[] perm = new int[customers];
    for (int i = 0; i < customers; i++) {
      perm[i] = i;
    }
    shuffle(rnd, perm);
    PlantedPattern[] patternOf = new PlantedPattern[customers];
    for (int i = 0; i < wanted.size(); i++) {
      patternOf[perm[i]] = wanted.get(i);
    }
    return patternOf;
  }

  private Plant build(Customer cu, PlantedPattern pattern) {
    SplittableRandom r = cu.r;
    int n = minTransactions + r.nextInt(maxTransactions - minTransactions + 1);
    if (pattern == null) {
      background(cu, n);
      return null;
    }
    Expect ex = new Expect();
    switch (pattern) {
      case OUT_OF_ORDER -> outOfOrder(cu, Math.max(n, 2), ex);
      case AMOUNT_EDGE_AT -> amountEdge(cu, ex, 0, 5, 30_000, false);
      case AMOUNT_EDGE_OVER -> amountEdge(cu, ex, 0, 5, 30_001, true);
      case AMOUNT_TOO_FEW_PRIORS -> amountEdge(cu, ex, 0, 4, 100_000, false);
      case STALE_PRIOR -> amountEdge(cu, ex, 40 * DAY, 4, 100_000, false);
      case LOOKBACK_EDGE -> amountEdge(cu, ex, 30 * DAY, 4, 100_000, true);
      default -> {
        // AMOUNT_ANOMALY and TRAVEL_AND_AMOUNT need at least 5 priors in its 30-day lookback.
        background(cu, Math.max(n, 5));
        long s = cu.lastTime() + 2 * HOUR + r.nextLong(HOUR);
        segment(cu, pattern, s, ex);
        long tailStart = cu.lastTime() + 2 * HOUR + r.nextLong(HOUR);
        int tail = r.nextInt(4);
        for (int i = 0; i < tail; i++) {
          cu.normal(tailStart);
          tailStart += gap(r);
        }
      }
    }
    return new Plant(cu.id, pattern, ex.mustAlert, ex.mustNotAlert, ex.decisions);
  }

  private static void segment(Customer cu, PlantedPattern pattern, long s, Expect ex) {
    SplittableRandom r = cu.r;
    switch (pattern) {
      case VELOCITY_BURSTS -> {
        // First burst: 7-8 txns within 100 s; alerts on its 6th.
        long step1 = 10 * SECOND + r.nextLong(4 * SECOND + 1);
        int m1 = 7 + r.nextInt(2);
        List<Spec> b1 = cu.burst(s, step1, m1);
        // Second burst starts > 120 s after the first ends, so it fires on its own 6th, which is
        // at most (8-6)*14 + 175 + 20 = 223 s after the first alert: suppressed.
        long start2 = b1.get(m1 - 1).time() + 125 * SECOND + r.nextLong(20 * SECOND + 1);
        int m2 = 6 + r.nextInt(3);
        List<Spec> b2 = cu.burst(start2, 10 * SECOND, m2);
        // Third burst fires > 370 s after any earlier firing, so it alerts under any reading.
        long start3 = b2.get(m2 - 1).time() + 320 * SECOND + r.nextLong(60 * SECOND + 1);
        List<Spec> b3 = cu.burst(start3, 10 * SECOND, 6 + r.nextInt(3));
        ex.burst(b1, true);
        ex.burst(b2, false);
        ex.burst(b3, true);
      }
      case VELOCITY_WINDOW_EDGE_OUT, VELOCITY_WINDOW_EDGE_IN -> {
        List<Spec> five = cu.burst(s, 24 * SECOND, 5);
        boolean in = pattern == PlantedPattern.VELOCITY_WINDOW_EDGE_IN;
        Spec sixth = cu.normal(s + (in ? 119_999 : 120_000), true);
        five.forEach(t -> ex.decide(t, "APPROVE"));
        ex.decide(sixth, in ? "REVIEW" : "APPROVE");
        ex.alert(FraudReference.VELOCITY, sixth, in);
      }
      case SUPPRESSION_EDGE_AT, SUPPRESSION_EDGE_BELOW -> {
        List<Spec> a = cu.burst(s, 10 * SECOND, 6);
        long offset = pattern == PlantedPattern.SUPPRESSION_EDGE_AT ? 300_000 : 299_999;
        List<Spec> b = cu.burst(s + offset, 10 * SECOND, 6);
        ex.burst(a, true);
        ex.burst(b, pattern == PlantedPattern.SUPPRESSION_EDGE_AT);
      }
      case SUPPRESSION_FROM_EMITTED -> {
        ex.burst(cu.burst(s, 10 * SECOND, 6), true);
        ex.burst(cu.burst(s + 200 * SECOND, 10 * SECOND, 6), false);
        ex.burst(cu.burst(s + 380 * SECOND, 10 * SECOND, 6), true);
      }
      case IMPOSSIBLE_TRAVEL, TRAVEL_EDGE_AT, TRAVEL_EDGE_OVER -> {
        long dt =
            switch (pattern) {
              case IMPOSSIBLE_TRAVEL -> 30 * MINUTE;
              case TRAVEL_EDGE_AT -> HOUR;
              default -> HOUR + 1;
            };
        Spec p = cu.normal(s, true);
        Spec q = cu.far(s + dt);
        boolean alerts = pattern != PlantedPattern.TRAVEL_EDGE_OVER;
        ex.decide(p, "APPROVE");
        ex.decide(q, alerts ? "REVIEW" : "APPROVE");
        ex.alert(FraudReference.IMPOSSIBLE_TRAVEL, q, alerts);
      }
      case TRAVEL_AND_AMOUNT -> {
        Spec p = cu.normal(s, true);
        // The max includes p, which is a prior of q too.
        long max = cu.specs.stream().mapToLong(Spec::cents).max().orElse(0);
        Spec q = cu.far(s + 30 * MINUTE, 3 * max + 100 + r.nextLong(50_000));
        ex.decide(p, "APPROVE");
        ex.decide(q, "BLOCK");
        ex.alert(FraudReference.IMPOSSIBLE_TRAVEL, q, true);
        ex.alert(FraudReference.AMOUNT_ANOMALY, q, true);
      }
      case AMOUNT_ANOMALY -> {
        long max = cu.specs.stream().mapToLong(Spec::cents).max().orElse(0);
        // Above 3 x the largest prior, hence above 3 x their mean by a wide margin.
        Spec x = cu.fixed(s, 3 * max + 100 + r.nextLong(50_000));
        ex.decide(x, "REVIEW");
        ex.alert(FraudReference.AMOUNT_ANOMALY, x, true);
      }
      default -> throw new IllegalStateException("not a segment pattern: " + pattern);
    }
  }

  /** Priors of 100.00 (one optionally {@code oldAge} old), then one transaction of cents. */
  private void amountEdge(
      Customer cu, Expect ex, long oldAge, int recentPriors, long cents, boolean alerts) {
    long s = baseInstant.toEpochMilli() + 6 * HOUR + cu.r.nextLong(6 * HOUR);
    if (oldAge > 0) {
      ex.decide(cu.fixed(s - oldAge, 10_000), "APPROVE");
    }
    for (int k = recentPriors; k >= 1; k--) {
      ex.decide(cu.fixed(s - k * HOUR, 10_000), "APPROVE");
    }
    Spec x = cu.fixed(s, cents);
    ex.decide(x, alerts ? "REVIEW" : "APPROVE");
    ex.alert(FraudReference.AMOUNT_ANOMALY, x, alerts);
  }

  private static void background(Customer cu, int n) {
    long t = cu.base + cu.r.nextLong(6 * HOUR);
    for (int i = 0; i < n; i++) {
      cu.normal(t);
      t += gap(cu.r);
    }
  }

  private static void outOfOrder(Customer cu, int n, Expect ex) {
    background(cu, n);
    SplittableRandom r = cu.r;
    List<Integer> swaps = new ArrayList<>();
    for (int i = 0; i + 1 < n; i++) {
      if (r.nextInt(4) == 0) {
        swaps.add(i);
        i++;
      }
    }
    if (swaps.isEmpty()) {
      swaps.add(r.nextInt(n - 1));
    }
    for (int i : swaps) {
      // Pull the next one to 5-60 s after this one (still before the one after, >= 3 min later)
      // and deliver it first: slightly late, as a retrying terminal would.
      Spec a = cu.specs.get(i);
      Spec b = cu.specs.get(i + 1);
      Spec moved = b.withTime(a.time() + 5 * SECOND + r.nextLong(55 * SECOND + 1));
      cu.specs.set(i, moved);
      cu.specs.set(i + 1, a);
    }
    cu.specs.forEach(s -> ex.decide(s, "APPROVE"));
  }

  private static long gap(SplittableRandom r) {
    return 3 * MINUTE + r.nextLong(37 * MINUTE);
  }

  private void injectDuplicates(SplittableRandom rnd, List<List<GeneratedRecord>> sequences) {
    for (int d = 0; d < duplicates; d++) {
      List<GeneratedRecord> seq = sequences.get(rnd.nextInt(sequences.size()));
      int orig;
      do {
        orig = rnd.nextInt(seq.size());
      } while (seq.get(orig).kind() != Kind.VALID);
      GeneratedRecord o = seq.get(orig);
      int pos = Math.min(seq.size(), orig + 1 + rnd.nextInt(4));
      // Re-send within an hour of event time, well inside any duplicate-detection window.
      long limit = o.eventTime().toEpochMilli() + HOUR;
      while (pos > orig + 1 && exceeds(seq, orig + 1, pos, limit)) {
        pos--;
      }
      seq.add(
          pos,
          new GeneratedRecord(
              o.key(),
              o.value().clone(),
              Kind.DUPLICATE,
              o.customerId(),
              -1,
              o.eventId(),
              o.transactionId(),
              o.eventTime(),
              null));
    }
  }

  private static boolean exceeds(List<GeneratedRecord> seq, int from, int to, long limit) {
    for (int i = from; i < to; i++) {
      if (seq.get(i).eventTime().toEpochMilli() > limit) {
        return true;
      }
    }
    return false;
  }

  private void injectMalformed(
      SplittableRandom rnd, List<Customer> all, List<List<GeneratedRecord>> sequences) {
    for (MalformedKind kind : MalformedKind.values()) {
      int count = malformed.getOrDefault(kind, 0);
      for (int i = 0; i < count; i++) {
        int c = rnd.nextInt(all.size());
        Customer cu = all.get(c);
        List<GeneratedRecord> seq = sequences.get(c);
        int pos = rnd.nextInt(seq.size() + 1);
        long time = seq.get(Math.min(pos, seq.size() - 1)).eventTime().toEpochMilli();
        Spec s =
            new Spec(
                cu.id + "-bad" + String.format("%03d", cu.badCounter++),
                uuid(rnd),
                time,
                cu.normalCents(),
                cu.homeLat,
                cu.homeLon,
                "m-00000",
                "grocery");
        seq.add(pos, cu.record(s, Kind.MALFORMED, malformedValue(kind, cu.envelope(s)), kind));
      }
    }
  }

  private static byte[] malformedValue(MalformedKind kind, TransactionEnvelopeBuilder b) {
    String json =
        switch (kind) {
          case NOT_JSON -> {
            String whole = b.build();
            yield whole.substring(0, whole.length() / 2);
          }
          case JSON_ARRAY -> "[" + b.build() + "]";
          case MISSING_EVENT_ID -> b.without("event_id").build();
          case MISSING_PAYLOAD -> b.without("payload").build();
          case BAD_TIMESTAMP -> b.timestamp("26/11/2026 12:00:00").build();
          case WRONG_EVENT_TYPE -> b.eventType("transaction.settled").build();
          case AMOUNT_NOT_NUMBER -> b.with("payload.amount", "\"abc\"").build();
          case AMOUNT_NAN -> b.with("payload.amount", "NaN").build();
          case NEGATIVE_AMOUNT -> b.with("payload.amount", "-25.00").build();
          case LAT_OUT_OF_RANGE -> b.with("payload.geo_location.lat", "95.0").build();
          case LON_OUT_OF_RANGE -> b.with("payload.geo_location.lon", "-190.0").build();
          case UNSUPPORTED_SCHEMA_VERSION -> b.schemaVersion("3.0").build();
          case TOMBSTONE -> null;
          case EMPTY_VALUE -> "";
        };
    return json == null ? null : json.getBytes(StandardCharsets.UTF_8);
  }

  /** Jitter of the arrival order around event time; below the pipelines' 10 s watermark bound. */
  private static final long ARRIVAL_JITTER_MILLIS = 5_000;

  /**
   * Interleaves customers the way a live stream does: roughly in event-time order (a k-way merge on
   * each customer's next record, with seeded jitter), while each customer's records keep their own
   * order, since they share a Kafka partition. A uniform shuffle would instead deliver records
   * hours behind the watermark, which no event-time pipeline sees in practice.
   */
  private static List<GeneratedRecord> interleave(
      SplittableRandom rnd, List<List<GeneratedRecord>> sequences) {
    int total = sequences.stream().mapToInt(List::size).sum();
    int[] next = new int[sequences.size()];
    long[] lastTime = new long[sequences.size()];
    java.util.PriorityQueue<long[]> heads =
        new java.util.PriorityQueue<>(
            java.util.Comparator.<long[]>comparingLong(h -> h[0]).thenComparingLong(h -> h[1]));
    for (int c = 0; c < sequences.size(); c++) {
      if (!sequences.get(c).isEmpty()) {
        lastTime[c] = Long.MIN_VALUE / 2;
        heads.add(new long[] {arrivalKey(rnd, sequences.get(c).get(0), lastTime[c]), c});
      }
    }
    List<GeneratedRecord> out = new ArrayList<>(total);
    while (!heads.isEmpty()) {
      int c = (int) heads.poll()[1];
      GeneratedRecord record = sequences.get(c).get(next[c]++);
      out.add(record);
      if (record.eventTime() != null) {
        lastTime[c] = record.eventTime().toEpochMilli();
      }
      if (next[c] < sequences.get(c).size()) {
        heads.add(new long[] {arrivalKey(rnd, sequences.get(c).get(next[c]), lastTime[c]), c});
      }
    }
    return out;
  }

  private static long arrivalKey(SplittableRandom rnd, GeneratedRecord head, long customerTime) {
    long time = head.eventTime() == null ? customerTime : head.eventTime().toEpochMilli();
    return time + rnd.nextLong(ARRIVAL_JITTER_MILLIS);
  }

  private static void shuffle(SplittableRandom rnd, int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }

  static String uuid(SplittableRandom r) {
    long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  /** One planned transaction before it becomes bytes. */
  private record Spec(
      String txnId,
      String eventId,
      long time,
      long cents,
      Double lat,
      Double lon,
      String merchantId,
      String category) {
    Spec withTime(long newTime) {
      return new Spec(txnId, eventId, newTime, cents, lat, lon, merchantId, category);
    }
  }

  /** What a plant must produce, collected while it is built. */
  private static final class Expect {
    final Set<String> mustAlert = new HashSet<>();
    final Set<String> mustNotAlert = new HashSet<>();
    final Map<String, String> decisions = new HashMap<>();

    void decide(Spec s, String verdict) {
      decisions.put(s.txnId(), verdict);
    }

    void alert(String rule, Spec s, boolean emitted) {
      (emitted ? mustAlert : mustNotAlert).add(rule + ":" + s.txnId());
    }

    /** A velocity burst with nothing else in its window: fires from its 6th on. */
    void burst(List<Spec> burst, boolean sixthEmitted) {
      for (int i = 0; i < burst.size(); i++) {
        decide(burst.get(i), i < 5 ? "APPROVE" : "REVIEW");
        if (i >= 5) {
          alert(FraudReference.VELOCITY, burst.get(i), i == 5 && sixthEmitted);
        }
      }
    }
  }

  /** One customer's profile and planned transactions. */
  private static final class Customer {
    final String id;
    final SplittableRandom r;
    final long base;
    final double homeLat;
    final double homeLon;
    final long baseCents;
    final String card;
    final String device;
    final String ip;
    final String currency;
    final String channel;
    final List<Spec> specs = new ArrayList<>();
    int counter;
    int badCounter;

    Customer(String id, SplittableRandom r, Instant base) {
      this.id = id;
      this.r = r;
      this.base = base.toEpochMilli();
      this.homeLat = round6(-55 + r.nextDouble() * 115);
      this.homeLon = round6(-170 + r.nextDouble() * 340);
      this.baseCents = 1_000 + r.nextLong(7_001);
      this.card = String.format("%04d", r.nextInt(10_000));
      this.device = "dev-" + Long.toHexString(r.nextLong() & 0xffffffffffL);
      this.ip = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
      this.currency = CURRENCIES.get(r.nextInt(CURRENCIES.size()));
      this.channel = CHANNELS.get(r.nextInt(CHANNELS.size()));
    }

    /** An everyday amount in [b, 2.5 b], so it never exceeds 3 x any mean of such amounts. */
    long normalCents() {
      return baseCents + r.nextLong(baseCents * 3 / 2 + 1);
    }

    Spec normal(long time) {
      return normal(time, r.nextInt(100) >= 3);
    }

    Spec normal(long time, boolean withGeo) {
      long cents = normalCents();
      return withGeo ? nearHome(time, cents) : add(time, cents, null, null);
    }

    Spec fixed(long time, long cents) {
      return nearHome(time, cents);
    }

    Spec nearHome(long time, long cents) {
      double lat = round6(homeLat + (r.nextDouble() - 0.5) * 0.2);
      double lon = round6(homeLon + (r.nextDouble() - 0.5) * 0.2);
      return add(time, cents, lat, lon);
    }

    /** A transaction 4500-5500 km from home in a random direction. */
    Spec far(long time) {
      return far(time, normalCents());
    }

    Spec far(long time, long cents) {
      double d = (4_500 + r.nextDouble() * 1_000) / EARTH_RADIUS_KM;
      double bearing = r.nextDouble() * 2 * Math.PI;
      double phi1 = Math.toRadians(homeLat);
      double lambda1 = Math.toRadians(homeLon);
      double phi2 =
          Math.asin(
              Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(bearing));
      double lambda2 =
          lambda1
              + Math.atan2(
                  Math.sin(bearing) * Math.sin(d) * Math.cos(phi1),
                  Math.cos(d) - Math.sin(phi1) * Math.sin(phi2));
      double lon = ((Math.toDegrees(lambda2) + 540) % 360) - 180;
      return add(time, cents, round6(Math.toDegrees(phi2)), round6(lon));
    }

    List<Spec> burst(long start, long step, int count) {
      List<Spec> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        out.add(normal(start + i * step, true));
      }
      return out;
    }

    Spec add(long time, long cents, Double lat, Double lon) {
      Spec s =
          new Spec(
              id + "-t" + String.format("%03d", counter++),
              uuid(r),
              time,
              cents,
              lat,
              lon,
              "m-" + String.format("%05d", r.nextInt(100_000)),
              CATEGORIES.get(r.nextInt(CATEGORIES.size())));
      specs.add(s);
      return s;
    }

    long lastTime() {
      return specs.stream().mapToLong(Spec::time).max().orElse(base);
    }

    TransactionEnvelopeBuilder envelope(Spec s) {
      TransactionEnvelopeBuilder b =
          TransactionEnvelopeBuilder.transaction(s.txnId(), id, Instant.ofEpochMilli(s.time()))
              .eventId(s.eventId())
              .amountCents(s.cents())
              .currency(currency)
              .merchant(s.merchantId(), s.category())
              .cardLastFour(card)
              .deviceFingerprint(device)
              .ipAddress(ip)
              .channel(channel)
              .correlationId("corr-" + s.eventId().substring(0, 8))
              .traceId("trace-" + s.eventId().substring(24));
      return s.lat() != null ? b.at(s.lat(), s.lon()) : b.noGeo();
    }

    GeneratedRecord record(Spec s, Kind kind, byte[] value, MalformedKind malformedKind) {
      return new GeneratedRecord(
          id,
          value,
          kind,
          id,
          -1,
          s.eventId(),
          s.txnId(),
          Instant.ofEpochMilli(s.time()),
          malformedKind);
    }
  }
}
