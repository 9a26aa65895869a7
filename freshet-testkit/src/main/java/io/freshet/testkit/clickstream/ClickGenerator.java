package io.freshet.testkit.clickstream;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Shoppers' visits as a seeded, deterministic stream of clicks with synthetic event time, so a
 * stream spans minutes to hours of event time and a reference can replay it.
 *
 * <p>A fixed number of visits run at once; each click goes to a random running visit, and a visit
 * that ran out of clicks is replaced by a new one of a random user on a random device. A user thus
 * comes back after a while, sometimes within the 30-minute session gap (one longer session),
 * sometimes after it (a new session). Event time advances {@link #step()} per click and never goes
 * back. Planted clicks (sessions at the gap boundary, late clicks) are made with {@link #view} and
 * {@link #purchase}; arrival disorder with {@link io.freshet.testkit.windows.Arrivals}.
 */
public final class ClickGenerator {
  /** Event time of the first click, unless {@link #withStart} says otherwise. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** 50 clicks per second of event time by default: 2,000,000 clicks span 11 hours. */
  public static final Duration STEP = Duration.ofMillis(20);

  /** Several entries per country weight the mix towards the larger markets. */
  private static final String[] COUNTRIES = {
    "US", "US", "US", "US", "DE", "DE", "GB", "GB", "FR", "JP", "BR", "IN", "CA", "ES", "IT", "NL"
  };

  private static final String[] CATEGORIES = {
    "books", "electronics", "garden", "toys", "fashion", "grocery", "sports", "beauty"
  };

  private final long seed;
  private final long events;
  private final int users;
  private final long start;
  private final long step;
  private final int concurrentVisits;

  /** {@code events} clicks from {@link #usersFor(long)} users. */
  public ClickGenerator(long seed, long events) {
    this(seed, events, usersFor(events));
  }

  /** {@code events} clicks from {@code users} users, fifty users per running visit (at least 2). */
  public ClickGenerator(long seed, long events, int users) {
    this(seed, events, users, START.toEpochMilli(), STEP.toMillis(), Math.max(2, users / 50));
  }

  private ClickGenerator(
      long seed, long events, int users, long start, long step, int concurrentVisits) {
    if (events < 1 || users < 1 || step < 1 || concurrentVisits < 1) {
      throw new IllegalArgumentException(
          "events, users, step and visits must be >= 1: "
              + events
              + ", "
              + users
              + ", "
              + step
              + ", "
              + concurrentVisits);
    }
    this.seed = seed;
    this.events = events;
    this.users = users;
    this.start = start;
    this.step = step;
    this.concurrentVisits = concurrentVisits;
  }

  /**
   * 10,000 users for a large stream, fewer for small ones (at least 100) so each user still has
   * about 200 clicks and comes back within and after the session gap.
   */
  public static int usersFor(long events) {
    return (int) Math.max(100, Math.min(10_000, events / 200));
  }

  /** This stream starting at another instant. */
  public ClickGenerator withStart(Instant first) {
    return new ClickGenerator(seed, events, users, first.toEpochMilli(), step, concurrentVisits);
  }

  /** This stream with another event-time step between clicks. */
  public ClickGenerator withStep(Duration between) {
    return new ClickGenerator(seed, events, users, start, between.toMillis(), concurrentVisits);
  }

  /** This stream with another number of visits running at once. */
  public ClickGenerator withConcurrentVisits(int visits) {
    return new ClickGenerator(seed, events, users, start, step, visits);
  }

  public long events() {
    return events;
  }

  public int users() {
    return users;
  }

  /** Event time between two clicks. */
  public Duration step() {
    return Duration.ofMillis(step);
  }

  /** The clicks in event-time order; every call replays the same sequence. */
  public Iterator<Click> clicks() {
    return new Clicks();
  }

  /** The clicks as a list, for small streams. */
  public List<Click> list() {
    List<Click> out = new ArrayList<>();
    clicks().forEachRemaining(out::add);
    return out;
  }

  /** A planted page view on a desktop from DE; its id is {@code id}. */
  public static Click view(String id, String user, long time, String category) {
    return new Click(
        id,
        time,
        "page_view",
        user,
        "s-" + user,
        "p-" + id,
        category,
        null,
        null,
        "/" + category + "/p-" + id,
        null,
        "desktop",
        "DE");
  }

  /** A planted purchase on a desktop; {@code price} is a decimal string such as {@code 19.99}. */
  public static Click purchase(
      String id,
      String user,
      long time,
      String country,
      String category,
      String price,
      int quantity) {
    return new Click(
        id,
        time,
        "purchase",
        user,
        "s-" + user,
        "p-" + id,
        category,
        new BigDecimal(price),
        quantity,
        "/" + category + "/p-" + id,
        null,
        "desktop",
        country);
  }

  /** One user's visit on one device. */
  private static final class Visit {
    final String userId;
    final String deviceType;
    final String country;
    final String interest;
    final String visitId;
    int remaining;

    Visit(String userId, String deviceType, String country, String interest, String visitId) {
      this.userId = userId;
      this.deviceType = deviceType;
      this.country = country;
      this.interest = interest;
      this.visitId = visitId;
    }
  }

  private final class Clicks implements Iterator<Click> {
    private final SplittableRandom random = new SplittableRandom(seed);
    private final Visit[] visits = new Visit[concurrentVisits];
    private long index;
    private long visitCount;

    @Override
    public boolean hasNext() {
      return index < events;
    }

    @Override
    public Click next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int slot = random.nextInt(visits.length);
      Visit visit = visits[slot];
      if (visit == null || visit.remaining == 0) {
        visit = newVisit();
        visits[slot] = visit;
      }
      visit.remaining--;
      long eventTime = start + index * step;
      index++;
      return click(visit, eventTime);
    }

    private Visit newVisit() {
      int user = random.nextInt(users);
      int deviceRoll = random.nextInt(100);
      String device = deviceRoll < 55 ? "mobile" : deviceRoll < 90 ? "desktop" : "tablet";
      Visit visit =
          new Visit(
              "user-" + user,
              device,
              // A user shops from one country; the multiplier spreads neighbouring ids.
              COUNTRIES[Math.floorMod(user * 7919, COUNTRIES.length)],
              CATEGORIES[random.nextInt(CATEGORIES.length)],
              "v-" + visitCount++);
      // 5 to 35 clicks, 20 on average.
      visit.remaining = random.nextInt(5, 36);
      return visit;
    }

    private Click click(Visit visit, long eventTime) {
      int roll = random.nextInt(100);
      String kind =
          roll < 60 ? "page_view" : roll < 80 ? "search" : roll < 93 ? "add_to_cart" : "purchase";
      boolean purchase = kind.equals(Click.PURCHASE);
      String category =
          random.nextInt(10) < 7 ? visit.interest : CATEGORIES[random.nextInt(CATEGORIES.length)];
      int product = random.nextInt(2_000);
      String eventId = new UUID(random.nextLong(), random.nextLong()).toString();
      return new Click(
          eventId,
          eventTime,
          kind,
          visit.userId,
          visit.visitId,
          "p-" + product,
          category,
          purchase ? BigDecimal.valueOf(random.nextInt(199, 25_000), 2) : null,
          purchase ? 1 + random.nextInt(3) : null,
          "/" + category + "/p-" + product,
          random.nextInt(3) == 0 ? "search" : "direct",
          visit.deviceType,
          visit.country);
    }
  }
}
