package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.CommittedReader;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.bench.workload.ClickWorkload;
import io.freshet.bench.workload.ClickstreamReference;
import io.freshet.bench.workload.IotReference;
import io.freshet.bench.workload.SensorWorkload;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.iot.SensorReading;
import io.freshet.pipelines.clickstream.RevenueRow;
import io.freshet.pipelines.clickstream.SessionRow;
import io.freshet.pipelines.common.LateEvent;
import io.freshet.pipelines.iot.IotKeys;
import io.freshet.pipelines.iot.IotSettings;
import io.freshet.pipelines.iot.SensorAlert;
import io.freshet.pipelines.iot.SensorAnomaly;
import io.freshet.pipelines.iot.SensorStats5s;
import io.freshet.pipelines.iot.SensorStddev1m;
import io.freshet.pipelines.topic.TopicCodec;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.Topics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Checks the committed outputs of the analytics pipelines against the plain-loop references, after
 * the clock stopped: the latest revision of every window equals the reference's row.
 */
final class AnalyticsCompleteness {
  private AnalyticsCompleteness() {}

  /** One output topic's figures for the completeness table. */
  record OutputCheck(String output, long committed, long finalRows, long expected, String detail) {}

  /** A pipeline's checked outputs; every check passed. */
  record Checked(List<OutputCheck> outputs) {
    long committedRecords() {
      return outputs.stream().mapToLong(OutputCheck::committed).sum();
    }
  }

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
   * Compares the clickstream outputs with {@link ClickstreamReference} on the same clicks, decoded
   * from the loaded records by the production codec.
   *
   * @throws IncompleteResultsException naming the first differences
   */
  static Checked clickstream(BenchKafka kafka, ClickWorkload workload, ClickOutputs out) {
    Latest<RevenueRow> revenue =
        new Latest<>(
            r -> r.geoCountry() + "|" + r.category() + "|" + r.windowStart(), RevenueRow::revision);
    Latest<SessionRow> sessions = new Latest<>(SessionRow::key, SessionRow::revision);
    long[] late = {0};
    long[] dead = {0};
    try (CommittedReader reader = new CommittedReader(kafka, out.names())) {
      reader.readAllCommitted(
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
            decoded(workload.records(), Topics.CLICKSTREAM_EVENTS.valueCodec()),
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

  /**
   * Compares the IoT outputs with {@link IotReference} on the same readings, decoded from the
   * loaded records by the production codec.
   *
   * @throws IncompleteResultsException naming the first differences
   */
  static Checked iot(
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
    try (CommittedReader reader = new CommittedReader(kafka, out.names())) {
      reader.readAllCommitted(
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
            decoded(workload.records(), Topics.SENSOR_READINGS.valueCodec()),
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

  /** The loaded records as the job's source decodes them. */
  private static <T> Iterator<T> decoded(Iterator<BenchRecord> records, TopicCodec<T> codec) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public T next() {
        return codec.decode(records.next().value());
      }
    };
  }

  /** The latest revision of each output key, counting records and same-revision duplicates. */
  private static final class Latest<V> {
    final Function<V, String> key;
    private final ToIntFunction<V> revision;
    private final Map<String, V> latest = new HashMap<>();
    long records;
    long duplicates;

    Latest(Function<V, String> key, ToIntFunction<V> revision) {
      this.key = key;
      this.revision = revision;
    }

    void add(V value) {
      records++;
      String k = key.apply(value);
      V previous = latest.get(k);
      if (previous == null || revision.applyAsInt(value) > revision.applyAsInt(previous)) {
        latest.put(k, value);
      } else if (revision.applyAsInt(value) == revision.applyAsInt(previous)) {
        // Exactly-once output never writes one revision of a key twice.
        duplicates++;
      }
    }

    long size() {
      return latest.size();
    }

    /** Removes and returns the key's latest row, or null. */
    V take(String k) {
      return latest.remove(k);
    }

    /** Rows no reference row took. */
    Collection<V> remaining() {
      return latest.values();
    }
  }

  /** Differences found, of which the first few are reported. */
  private static final class Mismatches {
    private static final int SHOWN = 10;
    private final String pipeline;
    private final List<String> shown = new ArrayList<>();
    private long count;

    Mismatches(String pipeline) {
      this.pipeline = pipeline;
    }

    void add(String message) {
      count++;
      if (shown.size() < SHOWN) {
        shown.add(message);
      }
    }

    void requireEqual(String what, long expected, long actual) {
      if (expected != actual) {
        add(what + ": expected " + expected + ", got " + actual);
      }
    }

    void throwIfAny() {
      if (count > 0) {
        throw new IncompleteResultsException(
            pipeline
                + " output differs from the reference in "
                + count
                + " place(s), first "
                + shown.size()
                + ":\n  "
                + String.join("\n  ", shown));
      }
    }
  }
}
