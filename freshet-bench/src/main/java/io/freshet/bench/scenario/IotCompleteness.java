package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.scenario.AnalyticsCompleteness.Checked;
import io.freshet.bench.scenario.AnalyticsCompleteness.Mismatches;
import io.freshet.bench.scenario.AnalyticsCompleteness.OutputCheck;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.testkit.iot.ExpectedAlert;
import io.freshet.testkit.iot.ExpectedAnomaly;
import io.freshet.testkit.iot.ExpectedStats;
import io.freshet.testkit.iot.ExpectedStddev;
import io.freshet.testkit.iot.IotReference;
import io.freshet.testkit.iot.SensorGenerator;
import io.freshet.testkit.kafka.TopicReader;
import io.freshet.testkit.rows.ResultRows;
import io.freshet.testkit.windows.ExpectedLateEvent;
import io.freshet.testkit.windows.RevisionLog;
import java.util.List;

/**
 * Checks the IoT job's committed outputs against the testkit's {@link IotReference}, after the
 * clock stopped.
 */
final class IotCompleteness {
  private IotCompleteness() {}

  /** The IoT job's private output topics. */
  record IotOutputs(
      TopicDescriptor<String, SensorStats5s> stats,
      TopicDescriptor<String, SensorStddev1m> stddev,
      TopicDescriptor<String, SensorAnomaly> anomalies,
      TopicDescriptor<String, SensorAlert> alerts,
      TopicDescriptor<String, LateEvent> lateEvents,
      TopicDescriptor<String, DeadLetter> deadLetters) {
    List<String> names() {
      return List.of(
          stats.name(),
          stddev.name(),
          anomalies.name(),
          alerts.name(),
          lateEvents.name(),
          deadLetters.name());
    }
  }

  /**
   * Compares the IoT outputs with the testkit's independent {@link IotReference} run on the
   * generator's own readings.
   *
   * @throws IncompleteResultsException naming the first differences
   */
  static Checked check(
      BenchKafka kafka, SensorGenerator workload, IotReference.Settings settings, IotOutputs out) {
    RevisionLog<ExpectedStats> stats =
        new RevisionLog<>("5 s stats", ExpectedStats::key, ExpectedStats::revision);
    RevisionLog<ExpectedStddev> stddev =
        new RevisionLog<>("1 min stddev", ExpectedStddev::key, ExpectedStddev::revision);
    // Anomalies and alerts have no revisions: a second record for one key is a duplicate.
    RevisionLog<ExpectedAnomaly> anomalies =
        new RevisionLog<>("anomaly", ExpectedAnomaly::key, a -> 0);
    RevisionLog<ExpectedAlert> alerts = new RevisionLog<>("alert", ExpectedAlert::eventId, a -> 0);
    long[] late = {0};
    long[] dead = {0};
    try (TopicReader reader = kafka.committedReader(out.names())) {
      reader.readToEnd(
          (record, received) -> {
            String topic = record.topic();
            if (topic.equals(out.stats().name())) {
              stats.add(ResultRows.stats(out.stats().valueCodec().decode(record.value())));
            } else if (topic.equals(out.stddev().name())) {
              stddev.add(ResultRows.stddev(out.stddev().valueCodec().decode(record.value())));
            } else if (topic.equals(out.anomalies().name())) {
              anomalies.add(
                  ResultRows.anomaly(out.anomalies().valueCodec().decode(record.value())));
            } else if (topic.equals(out.alerts().name())) {
              alerts.add(ResultRows.alert(out.alerts().valueCodec().decode(record.value())));
            } else if (topic.equals(out.lateEvents().name())) {
              late[0]++;
            } else {
              dead[0]++;
            }
          });
    }
    long statsFinal = stats.keys();
    long stddevFinal = stddev.keys();
    long anomalyFinal = anomalies.keys();
    long alertFinal = alerts.keys();
    long[] readingsInPanes = {0};
    stats.forEachFinal(s -> readingsInPanes[0] += s.count());

    Mismatches mismatches = new Mismatches("iot");
    IotReference.Totals totals =
        IotReference.run(
            workload.readings(),
            settings,
            new IotReference.Sink() {
              @Override
              public void stats(ExpectedStats expected) {
                AnalyticsCompleteness.expect(
                    stats,
                    "5 s stats",
                    expected,
                    expected.revision(),
                    ExpectedStats::matches,
                    mismatches);
              }

              @Override
              public void stddev(ExpectedStddev expected) {
                AnalyticsCompleteness.expect(
                    stddev,
                    "1 min stddev",
                    expected,
                    expected.revision(),
                    ExpectedStddev::matches,
                    mismatches);
              }

              @Override
              public void anomaly(ExpectedAnomaly expected) {
                AnalyticsCompleteness.expect(
                    anomalies, "anomaly", expected, 0, ExpectedAnomaly::matches, mismatches);
              }

              @Override
              public void alert(ExpectedAlert expected) {
                AnalyticsCompleteness.expect(
                    alerts, "alert", expected, 0, ExpectedAlert::equals, mismatches);
              }

              @Override
              public void late(ExpectedLateEvent expected) {
                mismatches.add("the reference found a late reading: " + expected);
              }
            });
    AnalyticsCompleteness.finish(stats, "5 s stats", mismatches);
    AnalyticsCompleteness.finish(stddev, "1 min stddev", mismatches);
    AnalyticsCompleteness.finish(anomalies, "anomaly", mismatches);
    AnalyticsCompleteness.finish(alerts, "alert", mismatches);
    mismatches.requireEqual("readings in the reference", workload.events(), totals.readings());
    mismatches.requireEqual(
        "readings counted in final 5 s stats (records in)", workload.events(), readingsInPanes[0]);
    mismatches.requireEqual("late events (event time never goes back)", 0, late[0]);
    mismatches.requireEqual("dead letters", 0, dead[0]);
    mismatches.throwIfAny();

    return new Checked(
        List.of(
            new OutputCheck(
                "sensor-stats-5s",
                stats.records(),
                statsFinal,
                totals.statsRows(),
                "equal; readings Σ " + readingsInPanes[0]),
            new OutputCheck(
                "sensor-stddev-1m", stddev.records(), stddevFinal, totals.stddevRows(), "equal"),
            new OutputCheck(
                "sensor-anomalies", anomalies.records(), anomalyFinal, totals.anomalies(), "equal"),
            new OutputCheck(
                "sensor-alerts", alerts.records(), alertFinal, totals.alerts(), "equal"),
            new OutputCheck("late-events", late[0], late[0], 0, "none"),
            new OutputCheck("dead letters", dead[0], dead[0], 0, "none")));
  }
}
