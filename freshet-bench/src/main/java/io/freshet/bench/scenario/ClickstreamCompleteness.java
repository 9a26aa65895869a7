package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.scenario.AnalyticsCompleteness.Checked;
import io.freshet.bench.scenario.AnalyticsCompleteness.Latest;
import io.freshet.bench.scenario.AnalyticsCompleteness.Mismatches;
import io.freshet.bench.scenario.AnalyticsCompleteness.OutputCheck;
import io.freshet.bench.workload.ClickWorkload;
import io.freshet.bench.workload.ClickstreamReference;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.clickstream.ClickstreamTopics;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.testkit.kafka.TopicReader;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Checks the clickstream job's committed outputs against {@link ClickstreamReference}, after the
 * clock stopped.
 */
final class ClickstreamCompleteness {
  private ClickstreamCompleteness() {}

  /** The clickstream job's private output topics. */
  record ClickOutputs(
      TopicDescriptor<String, RevenueRow> revenue,
      TopicDescriptor<String, SessionRow> sessions,
      TopicDescriptor<String, LateEvent> lateEvents,
      TopicDescriptor<String, DeadLetter> deadLetters) {
    List<String> names() {
      return List.of(revenue.name(), sessions.name(), lateEvents.name(), deadLetters.name());
    }
  }

  /**
   * Compares the clickstream outputs with {@link ClickstreamReference} on the same clicks, decoded
   * from the loaded records by the production codec.
   *
   * @throws IncompleteResultsException naming the first differences
   */
  static Checked check(BenchKafka kafka, ClickWorkload workload, ClickOutputs out) {
    Latest<RevenueRow> revenue =
        new Latest<>(
            r -> r.geoCountry() + "|" + r.category() + "|" + r.windowStart(), RevenueRow::revision);
    Latest<SessionRow> sessions = new Latest<>(SessionRow::key, SessionRow::revision);
    long[] late = {0};
    long[] dead = {0};
    try (TopicReader reader = kafka.committedReader(out.names())) {
      reader.readToEnd(
          (record, received) -> {
            String topic = record.topic();
            if (topic.equals(out.revenue().name())) {
              revenue.add(out.revenue().valueCodec().decode(record.value()));
            } else if (topic.equals(out.sessions().name())) {
              sessions.add(out.sessions().valueCodec().decode(record.value()));
            } else if (topic.equals(out.lateEvents().name())) {
              late[0]++;
            } else {
              dead[0]++;
            }
          });
    }
    long revenueRecords = revenue.records;
    long revenueFinal = revenue.size();
    long sessionRecords = sessions.records;
    long sessionFinal = sessions.size();

    Mismatches mismatches = new Mismatches("clickstream");
    BigDecimal[] expectedRevenue = {BigDecimal.ZERO};
    BigDecimal[] actualRevenue = {BigDecimal.ZERO};
    long[] clicksInSessions = {0};
    ClickstreamReference.Totals totals =
        ClickstreamReference.run(
            AnalyticsCompleteness.decoded(
                workload.records(), ClickstreamTopics.CLICKSTREAM_EVENTS.valueCodec()),
            new ClickstreamReference.Expected() {
              @Override
              public void revenue(RevenueRow expected) {
                expectedRevenue[0] = expectedRevenue[0].add(expected.revenue());
                String key = revenue.key.apply(expected);
                RevenueRow actual = revenue.take(key);
                if (actual == null) {
                  mismatches.add("revenue row " + key + " missing, expected " + expected);
                  return;
                }
                actualRevenue[0] = actualRevenue[0].add(actual.revenue());
                if (!sameRevenue(expected, actual)) {
                  mismatches.add(
                      "revenue row " + key + ": expected " + expected + ", got " + actual);
                }
              }

              @Override
              public void session(SessionRow expected) {
                SessionRow actual = sessions.take(expected.key());
                if (actual == null || actual.retracted()) {
                  mismatches.add(
                      "session "
                          + expected.key()
                          + (actual == null ? " missing" : " retracted")
                          + ", expected "
                          + describe(expected));
                  return;
                }
                clicksInSessions[0] += actual.eventsInSession();
                if (!sameSession(expected, actual)) {
                  mismatches.add(
                      "session "
                          + expected.key()
                          + ": expected "
                          + describe(expected)
                          + ", got "
                          + describe(actual));
                }
              }
            });
    revenue.remaining().forEach(r -> mismatches.add("unexpected revenue row " + r));
    sessions.remaining().stream()
        .filter(s -> !s.retracted())
        .forEach(s -> mismatches.add("unexpected session " + describe(s)));
    mismatches.requireEqual("duplicate revenue revisions", 0, revenue.duplicates);
    mismatches.requireEqual("duplicate session revisions", 0, sessions.duplicates);
    mismatches.requireEqual("clicks in the reference", workload.events(), totals.clicks());
    mismatches.requireEqual(
        "clicks counted in final sessions (records in)", workload.events(), clicksInSessions[0]);
    if (expectedRevenue[0].compareTo(actualRevenue[0]) != 0) {
      mismatches.add(
          "total revenue: expected "
              + expectedRevenue[0].toPlainString()
              + ", got "
              + actualRevenue[0].toPlainString());
    }
    mismatches.requireEqual("late events (event time never goes back)", 0, late[0]);
    mismatches.requireEqual("dead letters", 0, dead[0]);
    mismatches.throwIfAny();

    return new Checked(
        List.of(
            new OutputCheck(
                "revenue-per-minute",
                revenueRecords,
                revenueFinal,
                totals.revenueRows(),
                "equal; revenue Σ " + actualRevenue[0].toPlainString()),
            new OutputCheck(
                "sessions",
                sessionRecords,
                sessionFinal,
                totals.sessions(),
                "equal; clicks Σ " + clicksInSessions[0]),
            new OutputCheck("late-events", late[0], late[0], 0, "none"),
            new OutputCheck("dead letters", dead[0], dead[0], 0, "none")));
  }

  private static boolean sameRevenue(RevenueRow expected, RevenueRow actual) {
    // BigDecimal by value: the JSON round trip may change the scale (10.0 vs 10.00), not the
    // amount.
    return expected.windowEnd() == actual.windowEnd()
        && expected.revenue().compareTo(actual.revenue()) == 0
        && expected.orderCount() == actual.orderCount()
        && expected.avgOrderValue().compareTo(actual.avgOrderValue()) == 0
        && expected.uniqueBuyers() == actual.uniqueBuyers();
  }

  private static boolean sameSession(SessionRow expected, SessionRow actual) {
    return expected.eventsInSession() == actual.eventsInSession()
        && Arrays.equals(expected.categoriesViewed(), actual.categoriesViewed())
        && expected.converted() == actual.converted()
        && expected.sessionStart() == actual.sessionStart()
        && expected.sessionEnd() == actual.sessionEnd();
  }

  private static String describe(SessionRow s) {
    return s.key()
        + " events="
        + s.eventsInSession()
        + " categories="
        + Arrays.toString(s.categoriesViewed())
        + " converted="
        + s.converted()
        + " end="
        + s.sessionEnd()
        + " revision="
        + s.revision()
        + (s.retracted() ? " retracted" : "");
  }
}
