package io.freshet.bench.workload;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.RevenueAggregate;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionAggregate;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.clickstream.Sessions;
import io.freshet.pipelines.clickstream.ClickstreamJob;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clickstream pipeline's final results computed with plain loops: revenue per (country,
 * category, minute) and sessions per (user, device) by {@link Sessions}' rule.
 *
 * <p>Clicks must come in event-time order (as {@link ClickWorkload} makes them), so a minute is
 * complete once a later one starts and a session once its key's next click is a gap later; the
 * reference then needs memory for one minute and one open session per key, not the whole input.
 */
public final class ClickstreamReference {
  private static final long MINUTE = ClickstreamJob.MINUTE.toMillis();

  private ClickstreamReference() {}

  /** Receives each expected final row once; revision 0, as nothing is ever late. */
  public interface Expected {
    void revenue(RevenueRow row);

    void session(SessionRow row);
  }

  /** What the reference saw. */
  public record Totals(long clicks, long purchases, long revenueRows, long sessions) {}

  /**
   * Replays {@code clicks} and hands every expected row to {@code expected}.
   *
   * @throws IllegalArgumentException when the clicks go back in event time
   */
  public static Totals run(Iterator<ClickEvent> clicks, Expected expected) {
    Map<String, Revenue> minute = new LinkedHashMap<>();
    long minuteStart = Long.MIN_VALUE;
    Map<String, OpenSession> open = new HashMap<>();
    long previous = Long.MIN_VALUE;
    long count = 0;
    long purchases = 0;
    long revenueRows = 0;
    long sessions = 0;
    while (clicks.hasNext()) {
      ClickEvent click = clicks.next();
      long t = click.eventTime();
      if (t < previous) {
        throw new IllegalArgumentException(
            "click " + click.eventId() + " at " + t + " comes after one at " + previous);
      }
      previous = t;
      count++;

      long start = t - Math.floorMod(t, MINUTE);
      if (start != minuteStart) {
        revenueRows += flush(minute, minuteStart, expected);
        minuteStart = start;
      }
      if (click.isPurchase()) {
        purchases++;
        minute
            .computeIfAbsent(
                click.geoCountry() + "|" + click.category(),
                k -> new Revenue(click.geoCountry(), click.category()))
            .add(click);
      }

      String key = click.userId() + "|" + click.deviceType();
      OpenSession session = open.get(key);
      if (session == null) {
        open.put(key, new OpenSession(click));
      } else if (Sessions.startsNewSession(session.aggregate.sessionEnd(), t)) {
        expected.session(session.row());
        sessions++;
        open.put(key, new OpenSession(click));
      } else {
        session.aggregate = session.aggregate.add(click);
      }
    }
    revenueRows += flush(minute, minuteStart, expected);
    for (OpenSession session : open.values()) {
      expected.session(session.row());
      sessions++;
    }
    return new Totals(count, purchases, revenueRows, sessions);
  }

  private static long flush(Map<String, Revenue> minute, long start, Expected expected) {
    for (Revenue r : minute.values()) {
      expected.revenue(
          new RevenueRow(
              r.country,
              r.category,
              start,
              start + MINUTE,
              r.aggregate.revenue(),
              r.aggregate.orderCount(),
              r.aggregate.avgOrderValue(),
              r.aggregate.uniqueBuyers(),
              0));
    }
    long rows = minute.size();
    minute.clear();
    return rows;
  }

  private static final class Revenue {
    final String country;
    final String category;
    RevenueAggregate aggregate = RevenueAggregate.empty();

    Revenue(String country, String category) {
      this.country = country;
      this.category = category;
    }

    void add(ClickEvent purchase) {
      aggregate = aggregate.add(purchase);
    }
  }

  private static final class OpenSession {
    final String userId;
    final String deviceType;
    SessionAggregate aggregate;

    OpenSession(ClickEvent first) {
      this.userId = first.userId();
      this.deviceType = first.deviceType();
      this.aggregate = SessionAggregate.of(first);
    }

    SessionRow row() {
      return new SessionRow(
          userId,
          deviceType,
          aggregate.sessionStart(),
          aggregate.sessionEnd(),
          aggregate.eventsInSession(),
          aggregate.categoriesViewed(),
          aggregate.converted(),
          0,
          false);
    }
  }
}
