package io.freshet.bench.workload;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.BacklogLoader;
import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.ClickEventWriter;
import io.freshet.core.clickstream.ClickKind;
import io.freshet.pipelines.clickstream.ClickstreamTopics;
import io.freshet.pipelines.topic.TopicDescriptor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Shoppers' visits as a seeded, deterministic stream of click events with synthetic event time, so
 * a backlog spans hours of event time, every window closes, and a reference can replay it.
 *
 * <p>A fixed number of visits run at once; each click goes to a random running visit, and a visit
 * that ran out of clicks is replaced by a new one of a random user on a random device. A user thus
 * comes back after a while, sometimes within the 30-minute session gap (one longer session),
 * sometimes after it (a new session). Event time advances {@link #STEP} per click and never goes
 * back, so no click is ever late.
 */
public final class ClickWorkload {
  /** Event time of the first click. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** 50 clicks per second of event time: 2,000,000 clicks span 11 hours. */
  public static final Duration STEP = Duration.ofMillis(20);

  private static final String SOURCE = "freshet-bench";
  private static final long START_MILLIS = START.toEpochMilli();
  private static final long STEP_MILLIS = STEP.toMillis();

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
  private final int concurrentVisits;

  /** {@code events} clicks from {@link #usersFor(long)} users. */
  public ClickWorkload(long seed, long events) {
    this(seed, events, usersFor(events));
  }

  public ClickWorkload(long seed, long events, int users) {
    if (events < 1 || users < 1) {
      throw new IllegalArgumentException("events and users must be >= 1: " + events + ", " + users);
    }
    this.seed = seed;
    this.events = events;
    this.users = users;
    // Fifty users per running visit: at 50 clicks/s a visit gets a click every few seconds.
    this.concurrentVisits = Math.max(2, users / 50);
  }

  /**
   * 10,000 users for a full backlog, fewer for small ones (at least 100) so each user still has
   * about 200 clicks and comes back within and after the session gap.
   */
  public static int usersFor(long events) {
    return (int) Math.max(100, Math.min(10_000, events / 200));
  }

  public long events() {
    return events;
  }

  public int users() {
    return users;
  }

  /** The clicks in event-time order; every call replays the same sequence. */
  public Iterator<ClickEvent> clicks() {
    return new Clicks();
  }

  /** The clicks as Kafka records like production writes them: key user id, the JSON envelope. */
  public Iterator<BenchRecord> records() {
    Iterator<ClickEvent> clicks = clicks();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return clicks.hasNext();
      }

      @Override
      public BenchRecord next() {
        ClickEvent click = clicks.next();
        return new BenchRecord(
            click.userId().getBytes(StandardCharsets.UTF_8), ClickEventWriter.write(click, SOURCE));
      }
    };
  }

  /** A click backlog loaded into a private topic. */
  public record Backlog(TopicDescriptor<String, ClickEvent> topic, BacklogLoader.Loaded loaded) {}

  /**
   * This workload loaded into a private copy of {@link Topics#CLICKSTREAM_EVENTS}, once per run:
   * scenarios asking for the same seed and size share it.
   */
  public Backlog loadOnce(BenchContext context) {
    String name = "clicks-" + seed + "-" + events + "-" + users;
    return context.backlog(
        name,
        () -> {
          TopicDescriptor<String, ClickEvent> topic;
          try {
            topic = context.kafka().createTopic(ClickstreamTopics.CLICKSTREAM_EVENTS, name);
          } catch (Exception e) {
            throw new IllegalStateException("cannot create the click backlog topic " + name, e);
          }
          return new Backlog(topic, context.loader().load(topic.name(), records(), events));
        });
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

  private final class Clicks implements Iterator<ClickEvent> {
    private final SplittableRandom random = new SplittableRandom(seed);
    private final Visit[] visits = new Visit[concurrentVisits];
    private long index;
    private long visitCount;

    @Override
    public boolean hasNext() {
      return index < events;
    }

    @Override
    public ClickEvent next() {
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
      long eventTime = START_MILLIS + index * STEP_MILLIS;
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

    private ClickEvent click(Visit visit, long eventTime) {
      int roll = random.nextInt(100);
      ClickKind kind =
          roll < 60
              ? ClickKind.PAGE_VIEW
              : roll < 80
                  ? ClickKind.SEARCH
                  : roll < 93 ? ClickKind.ADD_TO_CART : ClickKind.PURCHASE;
      boolean purchase = kind == ClickKind.PURCHASE;
      String category =
          random.nextInt(10) < 7 ? visit.interest : CATEGORIES[random.nextInt(CATEGORIES.length)];
      int product = random.nextInt(2_000);
      String eventId = new UUID(random.nextLong(), random.nextLong()).toString();
      return new ClickEvent(
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
