package io.freshet.testkit.clickstream;

import io.freshet.testkit.windows.ExpectedLateEvent;
import io.freshet.testkit.windows.RevisionLog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Independent reference for the clickstream pipeline: plain loops with its own constants and {@link
 * BigDecimal} arithmetic, sharing no code with freshet-core's aggregates or the Flink job, so it
 * can check them.
 *
 * <p>Semantics (README "Windowed analytics"; clicks in arrival order; W is the watermark when a
 * click arrives, the largest event time seen minus the out-of-orderness minus 1 ms, raised after
 * each click; {@code Long.MAX_VALUE} at the end of a bounded input):
 *
 * <ul>
 *   <li>Revenue per (geo_country, category) and minute {@code [m, m + 1 min)}, purchases only:
 *       revenue = Σ price × quantity (exact), order_count, avg_order_value = revenue / orders at 2
 *       places half-even, unique_buyers = distinct user ids. The minute fires once W ≥ m + 1 min −
 *       1 ms (revision 0); a purchase for a fired minute still within the allowed lateness (m + 1
 *       min − 1 ms + lateness &gt; W) re-fires it at once with revision + 1; a later one is a late
 *       event of {@code clickstream-revenue}.
 *   <li>Sessions per (user_id, device_type): consecutive clicks less than 30 min apart are one
 *       session, exactly 30 min apart two. A session is due when W ≥ its last click + 30 min − 2 ms
 *       (the end of Flink's session window with the 1 ms shorter gap the job uses) and then emitted
 *       with events_in_session, the sorted distinct categories, converted (any purchase),
 *       session_start/end (first/last click). A click joining or bridging sessions merges them; if
 *       the merged session is already due it is emitted at once: every earlier-emitted session
 *       start inside it other than its own start is retracted (a {@code retracted} row, empty,
 *       start = end = the old start, revision + 1), and the merged session gets the next revision
 *       of its start (0 if new). A session is forgotten when W ≥ due + lateness; a click that joins
 *       no live session and whose own session would already be forgotten is a late event of {@code
 *       clickstream-sessions} (window [t, t + 30 min)).
 * </ul>
 */
public final class ClickstreamReference {
  /** Late-event pipeline name of clicks too late for revenue. */
  public static final String REVENUE = "clickstream-revenue";

  /** Late-event pipeline name of clicks too late for sessions. */
  public static final String SESSIONS = "clickstream-sessions";

  static final long MINUTE_MS = 60_000;
  static final long GAP_MS = 30 * 60_000;
  static final int AVG_SCALE = 2;

  private ClickstreamReference() {}

  /**
   * The watermark and lateness rules of a run.
   *
   * @param allowedLateness how long after its end a window still accepts clicks
   * @param outOfOrderness how far the watermark trails the largest event time seen
   * @param endOfInput whether the input ends (watermark to MAX, every window fires)
   */
  public record Settings(Duration allowedLateness, Duration outOfOrderness, boolean endOfInput) {
    /** The documented defaults: 5 min lateness, 10 s out-of-orderness; a bounded input. */
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(5), Duration.ofSeconds(10), true);
    }

    public Settings withEndOfInput(boolean ends) {
      return new Settings(allowedLateness, outOfOrderness, ends);
    }
  }

  /** Receives every expected emission, in the order the reference makes them. */
  public interface Sink {
    default void revenue(ExpectedRevenue row) {}

    default void session(ExpectedSession row) {}

    default void late(ExpectedLateEvent row) {}
  }

  /** How many of each the reference saw or emitted. */
  public record Totals(
      long clicks, long purchases, long revenueRows, long sessionRows, long lateEvents) {}

  /** Every expected emission, all revisions, in emission order. */
  public record Result(
      List<ExpectedRevenue> revenue,
      List<ExpectedSession> sessions,
      List<ExpectedLateEvent> lateEvents,
      Totals totals) {

    /** The last revision of every revenue minute. */
    public List<ExpectedRevenue> finalRevenue() {
      return RevisionLog.lastPerKey(revenue, ExpectedRevenue::key);
    }

    /** The last revision of every session start, retractions included. */
    public List<ExpectedSession> finalSessions() {
      return RevisionLog.lastPerKey(sessions, ExpectedSession::key);
    }
  }

  /** The expected outputs of {@code arrivals}, collected. */
  public static Result compute(List<Click> arrivals, Settings settings) {
    List<ExpectedRevenue> revenue = new ArrayList<>();
    List<ExpectedSession> sessions = new ArrayList<>();
    List<ExpectedLateEvent> late = new ArrayList<>();
    Totals totals =
        run(
            arrivals.iterator(),
            settings,
            new Sink() {
              @Override
              public void revenue(ExpectedRevenue row) {
                revenue.add(row);
              }

              @Override
              public void session(ExpectedSession row) {
                sessions.add(row);
              }

              @Override
              public void late(ExpectedLateEvent row) {
                late.add(row);
              }
            });
    return new Result(List.copyOf(revenue), List.copyOf(sessions), List.copyOf(late), totals);
  }

  /**
   * Replays {@code arrivals} (in arrival order) and hands every expected emission to {@code sink};
   * keeps only windows still within the allowed lateness, so it streams large inputs.
   */
  public static Totals run(Iterator<Click> arrivals, Settings settings, Sink sink) {
    Simulation sim = new Simulation(settings, sink);
    while (arrivals.hasNext()) {
      sim.click(arrivals.next());
    }
    if (settings.endOfInput()) {
      sim.advance(Long.MAX_VALUE);
    }
    return new Totals(sim.clicks, sim.purchases, sim.revenueRows, sim.sessionRows, sim.lateEvents);
  }

  private static final class Minute {
    final String country;
    final String category;
    final long start;
    BigDecimal revenue = BigDecimal.ZERO;
    long orders;
    final Set<String> buyers = new HashSet<>();
    int revision = -1;

    Minute(String country, String category, long start) {
      this.country = country;
      this.category = category;
      this.start = start;
    }
  }

  private static final class Session {
    long start;
    long last;
    long events;
    final TreeSet<String> categories = new TreeSet<>();
    boolean converted;
    int version;

    long due() {
      return last + GAP_MS - 2;
    }
  }

  private static final class UserKey {
    final String userId;
    final String deviceType;
    final List<Session> live = new ArrayList<>();
    final Map<Long, Integer> emitted = new HashMap<>();

    UserKey(String userId, String deviceType) {
      this.userId = userId;
      this.deviceType = deviceType;
    }
  }

  private record Timer(
      long time,
      long seq,
      Minute minute,
      UserKey user,
      Session session,
      int version,
      boolean fire) {}

  private static final class Simulation {
    final long lateness;
    final long outOfOrderness;
    final Sink sink;
    final Map<String, Map<Long, Minute>> minutes = new HashMap<>();
    final Map<String, UserKey> users = new HashMap<>();
    final PriorityQueue<Timer> timers =
        new PriorityQueue<>(
            (a, b) ->
                a.time() != b.time()
                    ? Long.compare(a.time(), b.time())
                    : Long.compare(a.seq(), b.seq()));
    long watermark = Long.MIN_VALUE;
    long maxSeen = Long.MIN_VALUE;
    long seq;
    long clicks;
    long purchases;
    long revenueRows;
    long sessionRows;
    long lateEvents;

    Simulation(Settings settings, Sink sink) {
      this.lateness = settings.allowedLateness().toMillis();
      this.outOfOrderness = settings.outOfOrderness().toMillis();
      this.sink = sink;
    }

    void click(Click c) {
      clicks++;
      if (c.isPurchase()) {
        purchases++;
        revenue(c);
      }
      session(c);
      maxSeen = Math.max(maxSeen, c.eventTime());
      advance(maxSeen - outOfOrderness - 1);
    }

    void revenue(Click c) {
      long t = c.eventTime();
      long start = t - Math.floorMod(t, MINUTE_MS);
      long lastTimestamp = start + MINUTE_MS - 1;
      String key = c.geoCountry() + "|" + c.category();
      if (lastTimestamp + lateness <= watermark) {
        lateEvents++;
        sink.late(
            new ExpectedLateEvent(
                REVENUE, c.eventId(), key, t, start, start + MINUTE_MS, watermark));
        return;
      }
      Map<Long, Minute> byStart = minutes.computeIfAbsent(key, k -> new HashMap<>());
      Minute m = byStart.get(start);
      if (m == null) {
        m = new Minute(c.geoCountry(), c.category(), start);
        byStart.put(start, m);
        if (lastTimestamp > watermark) {
          timers.add(new Timer(lastTimestamp, seq++, m, null, null, 0, true));
        }
        timers.add(new Timer(lastTimestamp + lateness, seq++, m, null, null, 0, false));
      }
      m.revenue = m.revenue.add(c.price().multiply(new BigDecimal(c.quantity())));
      m.orders++;
      m.buyers.add(c.userId());
      if (lastTimestamp <= watermark) {
        fire(m);
      }
    }

    void fire(Minute m) {
      m.revision++;
      revenueRows++;
      sink.revenue(
          new ExpectedRevenue(
              m.country,
              m.category,
              m.start,
              m.start + MINUTE_MS,
              m.revenue,
              m.orders,
              m.revenue.divide(new BigDecimal(m.orders), AVG_SCALE, RoundingMode.HALF_EVEN),
              m.buyers.size(),
              m.revision));
    }

    void session(Click c) {
      long t = c.eventTime();
      UserKey user =
          users.computeIfAbsent(
              c.userId() + "\u0000" + c.deviceType(), k -> new UserKey(c.userId(), c.deviceType()));
      List<Session> joined = new ArrayList<>();
      for (Session s : user.live) {
        if (t - s.last < GAP_MS && s.start - t < GAP_MS) {
          joined.add(s);
        }
      }
      if (joined.isEmpty() && t + GAP_MS - 2 + lateness <= watermark) {
        lateEvents++;
        sink.late(
            new ExpectedLateEvent(
                SESSIONS,
                c.eventId(),
                c.userId() + "|" + c.deviceType(),
                t,
                t,
                t + GAP_MS,
                watermark));
        return;
      }
      Session session;
      if (joined.isEmpty()) {
        session = new Session();
        session.start = t;
        session.last = t;
        user.live.add(session);
      } else {
        session = joined.get(0);
        for (Session other : joined.subList(1, joined.size())) {
          session.start = Math.min(session.start, other.start);
          session.last = Math.max(session.last, other.last);
          session.events += other.events;
          session.categories.addAll(other.categories);
          session.converted |= other.converted;
          user.live.remove(other);
          other.version = -1;
        }
      }
      session.start = Math.min(session.start, t);
      session.last = Math.max(session.last, t);
      session.events++;
      if (c.category() != null) {
        session.categories.add(c.category());
      }
      session.converted |= c.isPurchase();
      session.version++;
      if (session.due() > watermark) {
        timers.add(new Timer(session.due(), seq++, null, user, session, session.version, true));
      }
      timers.add(
          new Timer(session.due() + lateness, seq++, null, user, session, session.version, false));
      if (session.due() <= watermark) {
        fire(user, session);
      }
    }

    void fire(UserKey user, Session s) {
      long windowEnd = s.last + GAP_MS - 1;
      List<Long> absorbed = new ArrayList<>();
      for (long start : user.emitted.keySet()) {
        if (start != s.start && start >= s.start && start < windowEnd) {
          absorbed.add(start);
        }
      }
      for (long start : absorbed) {
        int revision = user.emitted.remove(start) + 1;
        sessionRows++;
        sink.session(
            new ExpectedSession(
                user.userId, user.deviceType, 0, List.of(), false, start, start, revision, true));
      }
      Integer previous = user.emitted.get(s.start);
      int revision = previous == null ? 0 : previous + 1;
      user.emitted.put(s.start, revision);
      sessionRows++;
      sink.session(
          new ExpectedSession(
              user.userId,
              user.deviceType,
              s.events,
              new ArrayList<>(s.categories),
              s.converted,
              s.start,
              s.last,
              revision,
              false));
    }

    void advance(long to) {
      if (to <= watermark) {
        return;
      }
      watermark = to;
      while (!timers.isEmpty() && timers.peek().time() <= to) {
        Timer timer = timers.poll();
        if (timer.minute() != null) {
          Minute m = timer.minute();
          if (timer.fire()) {
            fire(m);
          } else {
            Map<Long, Minute> byStart = minutes.get(m.country + "|" + m.category);
            byStart.remove(m.start);
            if (byStart.isEmpty()) {
              minutes.remove(m.country + "|" + m.category);
            }
          }
          continue;
        }
        Session s = timer.session();
        if (s.version != timer.version()) {
          continue;
        }
        UserKey user = timer.user();
        if (timer.fire()) {
          fire(user, s);
        } else {
          user.live.remove(s);
          s.version = -1;
          long windowEnd = s.last + GAP_MS - 1;
          user.emitted.keySet().removeIf(start -> start >= s.start && start < windowEnd);
          if (user.live.isEmpty() && user.emitted.isEmpty()) {
            users.remove(user.userId + "\u0000" + user.deviceType);
          }
        }
      }
    }
  }
}
