package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.scenario.AnalyticsCompleteness.Checked;
import io.freshet.bench.scenario.AnalyticsCompleteness.Latest;
import io.freshet.bench.scenario.AnalyticsCompleteness.Mismatches;
import io.freshet.bench.scenario.AnalyticsCompleteness.OutputCheck;
import io.freshet.bench.workload.IotReference;
import io.freshet.bench.workload.SensorWorkload;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.iot.IotKeys;
import io.freshet.pipelines.iot.IotSettings;
import io.freshet.pipelines.iot.IotTopics;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.testkit.kafka.TopicReader;
import java.util.List;

/** Checks the IoT job's committed outputs against {@link IotReference}, after the clock stopped. */
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
   * Compares the IoT outputs with {@link IotReference} on the same readings, decoded from the
   * loaded records by the production codec.
   *
   * @throws IncompleteResultsException naming the first differences
   */
  static Checked check(
      BenchKafka kafka, SensorWorkload workload, IotSettings settings, IotOutputs out) {
    Latest<SensorStats5s> stats =
        new Latest<>(
            s -> IotKeys.of(s.deviceId(), s.sensorType()) + "|" + s.windowStart(),
            SensorStats5s::revision);
    Latest<SensorStddev1m> stddev =
        new Latest<>(
            s -> IotKeys.of(s.deviceId(), s.sensorType()) + "|" + s.windowStart(),
            SensorStddev1m::revision);
    // Anomalies and alerts have no revisions: a second record for one key is a duplicate.
    Latest<SensorAnomaly> anomalies =
        new Latest<>(a -> IotKeys.of(a.deviceId(), a.sensorType()) + "|" + a.windowStart(), a -> 0);
    Latest<SensorAlert> alerts = new Latest<>(SensorAlert::eventId, a -> 0);
    long[] late = {0};
    long[] dead = {0};
    try (TopicReader reader = kafka.committedReader(out.names())) {
      reader.readToEnd(
          (record, received) -> {
            String topic = record.topic();
            if (topic.equals(out.stats().name())) {
              stats.add(out.stats().valueCodec().decode(record.value()));
            } else if (topic.equals(out.stddev().name())) {
              stddev.add(out.stddev().valueCodec().decode(record.value()));
            } else if (topic.equals(out.anomalies().name())) {
              anomalies.add(out.anomalies().valueCodec().decode(record.value()));
            } else if (topic.equals(out.alerts().name())) {
              alerts.add(out.alerts().valueCodec().decode(record.value()));
            } else if (topic.equals(out.lateEvents().name())) {
              late[0]++;
            } else {
              dead[0]++;
            }
          });
    }
    long statsFinal = stats.size();
    long stddevFinal = stddev.size();
    long anomalyFinal = anomalies.size();
    long alertFinal = alerts.size();

    Mismatches mismatches = new Mismatches("iot");
    long[] readingsInPanes = {0};
    IotReference.Totals totals =
        IotReference.run(
            AnalyticsCompleteness.decoded(
                workload.records(), IotTopics.SENSOR_READINGS.valueCodec()),
            settings,
            new IotReference.Expected() {
              @Override
              public void stats(SensorStats5s expected) {
                String key = stats.key.apply(expected);
                SensorStats5s actual = stats.take(key);
                if (actual == null) {
                  mismatches.add("5 s stats " + key + " missing, expected " + expected);
                  return;
                }
                readingsInPanes[0] += actual.count();
                SensorStats5s unrevised =
                    new SensorStats5s(
                        actual.deviceId(),
                        actual.sensorType(),
                        actual.windowStart(),
                        actual.windowEnd(),
                        actual.count(),
                        actual.mean(),
                        actual.min(),
                        actual.max(),
                        expected.revision());
                if (!expected.equals(unrevised)) {
                  mismatches.add("5 s stats " + key + ": expected " + expected + ", got " + actual);
                }
              }

              @Override
              public void stddev(SensorStddev1m expected) {
                String key = stddev.key.apply(expected);
                SensorStddev1m actual = stddev.take(key);
                if (actual == null) {
                  mismatches.add("1 min stddev " + key + " missing, expected " + expected);
                  return;
                }
                SensorStddev1m unrevised =
                    new SensorStddev1m(
                        actual.deviceId(),
                        actual.sensorType(),
                        actual.windowStart(),
                        actual.windowEnd(),
                        actual.count(),
                        actual.mean(),
                        actual.stddev(),
                        expected.revision());
                if (!expected.equals(unrevised)) {
                  mismatches.add(
                      "1 min stddev " + key + ": expected " + expected + ", got " + actual);
                }
              }

              @Override
              public void anomaly(SensorAnomaly expected) {
                String key = anomalies.key.apply(expected);
                SensorAnomaly actual = anomalies.take(key);
                if (!expected.equals(actual)) {
                  mismatches.add("anomaly " + key + ": expected " + expected + ", got " + actual);
                }
              }

              @Override
              public void alert(SensorReading reading) {
                SensorAlert actual = alerts.take(reading.eventId());
                if (actual == null
                    || !actual.deviceId().equals(reading.deviceId())
                    || Double.compare(actual.value(), reading.value()) != 0) {
                  mismatches.add("alert for reading " + reading + ": got " + actual);
                }
              }
            });
    stats.remaining().forEach(s -> mismatches.add("unexpected 5 s stats " + s));
    stddev.remaining().forEach(s -> mismatches.add("unexpected 1 min stddev " + s));
    anomalies.remaining().forEach(a -> mismatches.add("unexpected anomaly " + a));
    alerts.remaining().forEach(a -> mismatches.add("unexpected alert " + a));
    mismatches.requireEqual("duplicate 5 s stats revisions", 0, stats.duplicates);
    mismatches.requireEqual("duplicate 1 min stddev revisions", 0, stddev.duplicates);
    mismatches.requireEqual("duplicate anomalies", 0, anomalies.duplicates);
    mismatches.requireEqual("duplicate alerts", 0, alerts.duplicates);
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
                stats.records,
                statsFinal,
                totals.statsRows(),
                "equal; readings Σ " + readingsInPanes[0]),
            new OutputCheck(
                "sensor-stddev-1m", stddev.records, stddevFinal, totals.stddevRows(), "equal"),
            new OutputCheck(
                "sensor-anomalies", anomalies.records, anomalyFinal, totals.anomalies(), "equal"),
            new OutputCheck("sensor-alerts", alerts.records, alertFinal, totals.alerts(), "equal"),
            new OutputCheck("late-events", late[0], late[0], 0, "none"),
            new OutputCheck("dead letters", dead[0], dead[0], 0, "none")));
  }
}
