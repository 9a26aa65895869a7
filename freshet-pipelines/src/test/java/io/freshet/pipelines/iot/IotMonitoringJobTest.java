package io.freshet.pipelines.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.iot.EquipmentBaseline;
import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.common.DeadLetterRecord;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.testing.CollectingSink;
import io.freshet.pipelines.testing.EmptySource;
import io.freshet.pipelines.testing.IngestedSource;
import io.freshet.testkit.iot.ExpectedAlert;
import io.freshet.testkit.iot.ExpectedAnomaly;
import io.freshet.testkit.iot.ExpectedStats;
import io.freshet.testkit.iot.ExpectedStddev;
import io.freshet.testkit.iot.IotReference;
import io.freshet.testkit.iot.Reading;
import io.freshet.testkit.iot.SensorEnvelopes;
import io.freshet.testkit.iot.SensorGenerator;
import io.freshet.testkit.iot.SensorScenario;
import io.freshet.testkit.rows.ResultRows;
import io.freshet.testkit.windows.ExpectedLateEvent;
import io.freshet.testkit.windows.Malformed;
import io.freshet.testkit.windows.RevisionLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Test tier (c): {@link IotMonitoringJob} as production wires it, on a Flink MiniCluster with an
 * in-memory bounded source and collecting sinks (no Kafka broker), against the testkit's
 * independent {@link IotReference}, every emission revision by revision.
 *
 * <p>Parallelism 1 and watermarks emitted after every record make the watermark each record meets
 * deterministic, so late and too-late readings land exactly where the reference puts them. The
 * input is bounded: at its end the watermark goes to {@code Long.MAX_VALUE}, so every window fires
 * (the reference's {@code endOfInput}).
 */
class IotMonitoringJobTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  static final long SEED = 42;
  static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
  static final long OUT_OF_ORDERNESS = Duration.ofSeconds(10).toMillis();

  @Test
  void everyOutputEqualsTheReferenceRevisionByRevision() throws Exception {
    // Given ten minutes of six devices reporting every second, arriving up to 3 s out of order,
    // with a 180 °C pane on device 0 (anomaly and alerts) and a 99 % humidity reading on device 3
    // (alert), then two readings late but within the allowed lateness (device 1) and one too late
    // (device 2), and three malformed records first
    SensorScenario scenario = SensorScenario.windowSemantics(SEED, T0);
    List<Reading> arrivals = scenario.arrivals();
    List<IngestedSource.Raw> records = new ArrayList<>();
    for (Malformed bad : scenario.malformed()) {
      records.add(new IngestedSource.Raw(bad.key(), bad.value(), T0.toEpochMilli()));
    }
    for (Reading r : arrivals) {
      records.add(
          new IngestedSource.Raw(
              r.deviceId().getBytes(StandardCharsets.UTF_8),
              SensorEnvelopes.encode(r, "job-test"),
              r.eventTime()));
    }

    // When the job runs over them to the end of the input
    CollectingSink<SensorStats5s> stats = new CollectingSink<>();
    CollectingSink<SensorStddev1m> stddev = new CollectingSink<>();
    CollectingSink<SensorAnomaly> anomalies = new CollectingSink<>();
    CollectingSink<SensorAlert> alerts = new CollectingSink<>();
    CollectingSink<LateEvent> late = new CollectingSink<>();
    CollectingSink<DeadLetterRecord> deadLetters = new CollectingSink<>();
    IotJobIo io =
        new IotJobIo(
            IngestedSource.of(IotTopics.SENSOR_READINGS.name(), records, deserializer()),
            IngestedSource.perEventWatermarks(OUT_OF_ORDERNESS),
            new EmptySource<>(TypeInformation.of(EquipmentBaseline.class)),
            stats,
            stddev,
            anomalies,
            alerts,
            late,
            deadLetters,
            new DiscardingSink<>(),
            new DiscardingSink<>(),
            new DiscardingSink<>());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    new IotMonitoringJob(io, IotSettings.defaults()).wireInto(env);
    JobClient job = env.executeAsync("iot-monitoring-job-test");
    job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

    // Then every (key, revision) of every output appears once and equals the reference's
    IotReference.Result expected =
        IotReference.compute(
            arrivals,
            new IotReference.Settings(
                Duration.ofMinutes(5), Duration.ofMillis(OUT_OF_ORDERNESS), true));
    RevisionLog<ExpectedStats> statsLog =
        new RevisionLog<>("5 s stats", ExpectedStats::key, ExpectedStats::revision);
    stats.values().forEach(s -> statsLog.add(ResultRows.stats(s)));
    assertThat(statsLog.problemsInEveryRevision(expected.stats(), ExpectedStats::matches))
        .isEmpty();
    RevisionLog<ExpectedStddev> stddevLog =
        new RevisionLog<>("1 min stddev", ExpectedStddev::key, ExpectedStddev::revision);
    stddev.values().forEach(s -> stddevLog.add(ResultRows.stddev(s)));
    assertThat(stddevLog.problemsInEveryRevision(expected.stddev(), ExpectedStddev::matches))
        .isEmpty();
    RevisionLog<ExpectedAnomaly> anomalyLog =
        new RevisionLog<>("anomaly", ExpectedAnomaly::key, a -> 0);
    anomalies.values().forEach(a -> anomalyLog.add(ResultRows.anomaly(a)));
    assertThat(anomalyLog.problemsInEveryRevision(expected.anomalies(), ExpectedAnomaly::matches))
        .isEmpty();
    assertThat(alerts.values().stream().map(ResultRows::alert).toList())
        .containsExactlyInAnyOrderElementsOf(expected.alerts());
    assertThat(late.values().stream().map(ResultRows::late).toList())
        .containsExactlyInAnyOrderElementsOf(expected.lateEvents());
    assertThat(deadLetters.values().stream().map(d -> d.errorType().name()).toList())
        .containsExactlyInAnyOrderElementsOf(
            SensorEnvelopes.malformed().stream().map(Malformed::errorType).toList());

    // and the comparison is not vacuous: the planted patterns are in the reference
    SensorGenerator generator = scenario.generator();
    String device1 = generator.deviceId(1) + "|pressure|";
    assertThat(expected.finalStats())
        .filteredOn(s -> s.revision() > 0)
        .extracting(ExpectedStats::key, ExpectedStats::revision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(device1 + scenario.revisedPane(), 2));
    assertThat(
            expected.finalStddev().stream()
                .filter(s -> s.revision() > 0)
                .map(ExpectedStddev::windowStart)
                .toList())
        .as("the windows holding the revised pane, twice revised")
        .containsExactlyElementsOf(
            LongStream.rangeClosed(0, 11)
                .mapToObj(i -> scenario.revisedPane() - 55_000 + i * 5_000)
                .toList());
    assertThat(expected.anomalies())
        .extracting(ExpectedAnomaly::key)
        .contains(generator.deviceId(0) + "|temperature|" + scenario.spikePane());
    assertThat(expected.alerts()).extracting(ExpectedAlert::value).containsOnly(180.0, 99.0);
    assertThat(expected.alerts()).hasSize(6);
    assertThat(expected.lateEvents())
        .extracting(ExpectedLateEvent::eventId, ExpectedLateEvent::windowStart)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                scenario.tooLate().eventId(), scenario.expiredPane()));
  }

  private static IngestingDeserializationSchema<SensorReading> deserializer() {
    return new IngestingDeserializationSchema<>(
        IotTopics.SENSOR_READINGS.valueCodec(),
        SensorReading::eventTime,
        PipelineId.of(IotMonitoringJob.NAME),
        TypeInformation.of(new TypeHint<Ingested<SensorReading>>() {}));
  }
}
