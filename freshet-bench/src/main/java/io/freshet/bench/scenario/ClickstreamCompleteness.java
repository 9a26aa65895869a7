package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.scenario.AnalyticsCompleteness.Checked;
import io.freshet.bench.scenario.AnalyticsCompleteness.Mismatches;
import io.freshet.bench.scenario.AnalyticsCompleteness.OutputCheck;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.testkit.clickstream.ClickGenerator;
import io.freshet.testkit.clickstream.ClickstreamReference;
import io.freshet.testkit.clickstream.ExpectedRevenue;
import io.freshet.testkit.clickstream.ExpectedSession;
import io.freshet.testkit.kafka.TopicReader;
import io.freshet.testkit.rows.ResultRows;
import io.freshet.testkit.windows.ExpectedLateEvent;
import io.freshet.testkit.windows.RevisionLog;
import java.math.BigDecimal;
import java.util.List;

/**
 * Checks the clickstream job's committed outputs against the testkit's {@link
 * ClickstreamReference}, after the clock stopped.
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
   * Compares the clickstream outputs with the testkit's independent {@link ClickstreamReference}
   * run on the generator's own clicks.
   *
   * @throws IncompleteResultsException naming the first differences
   */
  static Checked check(
      BenchKafka kafka,
      ClickGenerator workload,
      ClickstreamReference.Settings settings,
      ClickOutputs out) {
    RevisionLog<ExpectedRevenue> revenue =
        new RevisionLog<>("revenue row", ExpectedRevenue::key, ExpectedRevenue::revision);
    RevisionLog<ExpectedSession> sessions =
        new RevisionLog<>("session", ExpectedSession::key, ExpectedSession::revision);
    long[] late = {0};
    long[] dead = {0};
    try (TopicReader reader = kafka.committedReader(out.names())) {
      reader.readToEnd(
          (record, received) -> {
            String topic = record.topic();
            if (topic.equals(out.revenue().name())) {
              revenue.add(ResultRows.revenue(out.revenue().valueCodec().decode(record.value())));
            } else if (topic.equals(out.sessions().name())) {
              sessions.add(ResultRows.session(out.sessions().valueCodec().decode(record.value())));
            } else if (topic.equals(out.lateEvents().name())) {
              late[0]++;
            } else {
              dead[0]++;
            }
          });
    }
    long revenueRecords = revenue.records();
    long revenueFinal = revenue.keys();
    long sessionRecords = sessions.records();
    long sessionFinal = sessions.keys();
    BigDecimal[] actualRevenue = {BigDecimal.ZERO};
    revenue.forEachFinal(r -> actualRevenue[0] = actualRevenue[0].add(r.revenue()));
    long[] clicksInSessions = {0};
    sessions.forEachFinal(
        s -> {
          if (!s.retracted()) {
            clicksInSessions[0] += s.eventsInSession();
          }
        });

    Mismatches mismatches = new Mismatches("clickstream");
    BigDecimal[] expectedRevenue = {BigDecimal.ZERO};
    ClickstreamReference.Totals totals =
        ClickstreamReference.run(
            workload.clicks(),
            settings,
            new ClickstreamReference.Sink() {
              @Override
              public void revenue(ExpectedRevenue expected) {
                expectedRevenue[0] = expectedRevenue[0].add(expected.revenue());
                AnalyticsCompleteness.expect(
                    revenue,
                    "revenue row",
                    expected,
                    expected.revision(),
                    ExpectedRevenue::matches,
                    mismatches);
              }

              @Override
              public void session(ExpectedSession expected) {
                AnalyticsCompleteness.expect(
                    sessions,
                    "session",
                    expected,
                    expected.revision(),
                    ExpectedSession::equals,
                    mismatches);
              }

              @Override
              public void late(ExpectedLateEvent expected) {
                mismatches.add("the reference found a late click: " + expected);
              }
            });
    AnalyticsCompleteness.finish(revenue, "revenue row", mismatches);
    AnalyticsCompleteness.finish(sessions, "session", mismatches);
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
                totals.sessionRows(),
                "equal; clicks Σ " + clicksInSessions[0]),
            new OutputCheck("late-events", late[0], late[0], 0, "none"),
            new OutputCheck("dead letters", dead[0], dead[0], 0, "none")));
  }
}
