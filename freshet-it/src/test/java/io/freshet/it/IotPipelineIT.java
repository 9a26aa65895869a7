package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.core.late.LateEventCodec;
import io.freshet.core.time.Timestamps;
import io.freshet.pipelines.iot.IotTopics;
import io.freshet.pipelines.topic.Topics;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.testkit.iot.ExpectedAlert;
import io.freshet.testkit.iot.ExpectedAnomaly;
import io.freshet.testkit.iot.ExpectedStats;
import io.freshet.testkit.iot.ExpectedStddev;
import io.freshet.testkit.iot.IotReference;
import io.freshet.testkit.iot.Reading;
import io.freshet.testkit.iot.SensorEnvelopes;
import io.freshet.testkit.iot.SensorScenario;
import io.freshet.testkit.kafka.TestProducer;
import io.freshet.testkit.kafka.TopicReader;
import io.freshet.testkit.rows.ResultRows;
import io.freshet.testkit.windows.ExpectedLateEvent;
import io.freshet.testkit.windows.Malformed;
import io.freshet.testkit.windows.RevisionLog;
import io.freshet.testkit.windows.Tolerance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IoT pipeline on the embedded broker and MiniCluster against the testkit's independent {@link
 * IotReference} on the testkit's {@link SensorScenario}: on-time readings with bounded disorder,
 * late readings within the allowed lateness (revisions) and a too-late one (late-events), threshold
 * breaches, a planted anomaly and malformed records.
 *
 * <p>The reference models the watermark as the largest event time seen minus 10 s; the real one
 * (per partition, periodic) trails it, but the scenario's disorder (3 s) stays below the bound and
 * the late readings are sent only once the watermark passed {@link #COMPARED_UNTIL}, where each
 * late reading's fate (revision or late event) is the same for any watermark between that and the
 * reference's. The stream does not end, so only windows ending by {@link #COMPARED_UNTIL} are
 * compared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IotPipelineIT {
  static final Instant T0 = Instant.parse("2026-11-26T12:00:00.000Z");
  static final long SEED = 42;

  /** Only windows ending by then are certain to have fired when the checks run. */
  static final long COMPARED_UNTIL = T0.toEpochMilli() + 9 * 60_000 + 35_000;

  @TempDir static Path dataDir;
  FreshetPlatform platform;

  @BeforeAll
  void start() throws Exception {
    platform = FreshetPlatform.start(TestConfigs.inProcess(dataDir), line -> {});
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void windowsRevisionsLateEventsAlertsAndAnomaliesMatchTheReference() throws Exception {
    // Given ten minutes of one reading per second from six devices, arriving up to 3 s out of
    // order, with a temperature spike on device 0 at T0+5m and a humidity breach on device 3 at
    // T0+2m, and three malformed records
    SensorScenario scenario = SensorScenario.windowSemantics(SEED, T0);

    // When they are produced, and the watermark has passed T0+9m35s
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (Reading r : scenario.onTime()) {
        send(producer, r);
      }
      for (Malformed bad : scenario.malformed()) {
        producer.send(
            new ProducerRecord<>(IotTopics.SENSOR_READINGS.name(), bad.key(), bad.value()));
      }
    }
    try (TopicReader stats = reader(IotTopics.SENSOR_STATS_5S.name())) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  stats.poll().stream()
                      .map(r -> IotTopics.SENSOR_STATS_5S.valueCodec().decode(r.value()))
                      .anyMatch(s -> s.windowEnd() >= COMPARED_UNTIL));
    }
    // and then two readings late but within the allowed lateness (device 1, pane T0+6m) and one
    // too late (device 2, pane T0+1m, whose lateness ended at T0+6m5s)
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (Reading r : scenario.late()) {
        send(producer, r);
      }
    }

    // Then every output matches the reference: each (window, revision) once, the final revision
    // equal to the reference's
    IotReference.Result expected =
        IotReference.compute(
            scenario.arrivals(), IotReference.Settings.defaults().withEndOfInput(false));
    List<ExpectedStats> expectedStats =
        expected.finalStats().stream().filter(s -> s.windowEnd() <= COMPARED_UNTIL).toList();
    List<ExpectedStddev> expectedStddev =
        expected.finalStddev().stream().filter(s -> s.windowEnd() <= COMPARED_UNTIL).toList();
    String revisedKey = scenario.generator().deviceId(1) + "|pressure|" + scenario.revisedPane();
    assertThat(expectedStats)
        .filteredOn(s -> s.revision() > 0)
        .extracting(ExpectedStats::key, ExpectedStats::revision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(revisedKey, 2));
    assertThat(
            expectedStddev.stream()
                .filter(s -> s.revision() > 0)
                .map(ExpectedStddev::windowStart)
                .distinct()
                .sorted()
                .toList())
        .as("windows containing the revised pane")
        .containsExactlyElementsOf(
            LongStream.rangeClosed(0, 11)
                .mapToObj(i -> scenario.revisedPane() - 55_000 + i * 5_000)
                .toList());
    try (TopicReader stats = reader(IotTopics.SENSOR_STATS_5S.name());
        TopicReader stddev = reader(IotTopics.SENSOR_STDDEV_1M.name());
        TopicReader late = reader(Topics.LATE_EVENTS.name());
        TopicReader alerts = reader(IotTopics.SENSOR_ALERTS.name());
        TopicReader anomalies = reader(IotTopics.SENSOR_ANOMALIES.name());
        TopicReader deadLetters = reader(IotTopics.SENSOR_READINGS_DLQ.name())) {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                assertThat(statsLog(stats).finalRows().get(revisedKey))
                    .extracting(ExpectedStats::revision)
                    .isEqualTo(2);
                assertThat(late.poll()).hasSize(1);
                assertThat(deadLetters.poll()).hasSize(3);
                assertThat(
                        stddevLog(stddev)
                            .finalRows()
                            .get(
                                scenario.generator().deviceId(1)
                                    + "|pressure|"
                                    + (scenario.revisedPane() - 55_000)))
                    .extracting(ExpectedStddev::revision)
                    .isEqualTo(2);
              });

      // 5 s statistics and the 1 min stddev: every window up to the bound, each revision once,
      // the final one equal to the reference (awaited, as sink subtasks commit their
      // transactions independently)
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                assertThat(statsLog(stats).problems(expectedStats, ExpectedStats::matches))
                    .isEmpty();
                assertThat(stddevLog(stddev).problems(expectedStddev, ExpectedStddev::matches))
                    .isEmpty();
              });

      // the too-late reading is a late event naming the window it missed
      ExpectedLateEvent lateEvent =
          ResultRows.late(new LateEventCodec().decode(late.records().get(0).value()));
      assertThat(expected.lateEvents()).hasSize(1);
      ExpectedLateEvent want = expected.lateEvents().get(0);
      assertThat(lateEvent).usingRecursiveComparison().ignoringFields("watermark").isEqualTo(want);
      assertThat(lateEvent.eventId()).isEqualTo(scenario.tooLate().eventId());
      assertThat(lateEvent.pipeline()).isEqualTo("iot-monitoring");
      assertThat(lateEvent.windowStart()).isEqualTo(scenario.expiredPane());
      assertThat(lateEvent.windowEnd()).isEqualTo(scenario.expiredPane() + 5_000);
      assertThat(lateEvent.watermark()).isGreaterThanOrEqualTo(COMPARED_UNTIL - 1);

      // threshold alerts: exactly the readings above their limit, once each
      assertThat(expected.alerts()).hasSize(6);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                RevisionLog<ExpectedAlert> log =
                    new RevisionLog<>("alert", ExpectedAlert::eventId, a -> 0);
                alerts
                    .poll()
                    .forEach(
                        r ->
                            log.add(
                                ResultRows.alert(
                                    IotTopics.SENSOR_ALERTS.valueCodec().decode(r.value()))));
                assertThat(log.problems(expected.alerts(), ExpectedAlert::equals)).isEmpty();
              });

      // anomalies: the reference scores each device's first 5 s means in order
      List<ExpectedAnomaly> expectedAnomalies =
          expected.anomalies().stream().filter(a -> a.windowEnd() <= COMPARED_UNTIL).toList();
      assertThat(expectedAnomalies)
          .extracting(ExpectedAnomaly::key)
          .contains(scenario.generator().deviceId(0) + "|temperature|" + scenario.spikePane());
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                RevisionLog<ExpectedAnomaly> log =
                    new RevisionLog<>("anomaly", ExpectedAnomaly::key, a -> 0);
                anomalies.poll().stream()
                    .map(
                        r ->
                            ResultRows.anomaly(
                                IotTopics.SENSOR_ANOMALIES.valueCodec().decode(r.value())))
                    .filter(a -> a.windowEnd() <= COMPARED_UNTIL)
                    .forEach(log::add);
                assertThat(log.problems(expectedAnomalies, ExpectedAnomaly::matches)).isEmpty();
              });

      // dead letters, and every record accounted for
      assertThat(
              deadLetters.records().stream()
                  .map(r -> DeadLetterCodec.fromJson(r.value()).errorType().name())
                  .sorted()
                  .toList())
          .containsExactlyElementsOf(
              scenario.malformed().stream().map(Malformed::errorType).sorted().toList());
      // the serving store holds the same 5 s statistics, every row read back through freshet sql
      Map<String, ExpectedStats> byKey = new HashMap<>();
      expectedStats.forEach(s -> byKey.put(s.key(), s));
      for (var row :
          FreshetSql.rows(
              platform.httpPort(),
              "select device_id, sensor_type, window_start, count, mean, min, max, revision"
                  + " from sensor_stats_5s where window_end <= timestamp '2026-11-26 12:09:35'")) {
        String k =
            row.path("device_id").asText()
                + "|"
                + row.path("sensor_type").asText()
                + "|"
                + Timestamps.parse(row.path("window_start").asText());
        ExpectedStats v = byKey.get(k);
        assertThat(v).as(k).isNotNull();
        assertThat(row.path("count").asLong()).as(k).isEqualTo(v.count());
        assertThat(Tolerance.close(row.path("mean").asDouble(), v.mean())).as(k).isTrue();
        assertThat(row.path("min").asDouble()).as(k).isEqualTo(v.min());
        assertThat(row.path("max").asDouble()).as(k).isEqualTo(v.max());
        assertThat(row.path("revision").asInt()).as(k).isEqualTo(v.revision());
      }
      assertThat(
              FreshetSql.rows(
                      platform.httpPort(),
                      "select count(*) as n from sensor_stats_5s"
                          + " where window_end <= timestamp '2026-11-26 12:09:35'"
                          + " and window_start >= timestamp '2026-11-26 12:00:00'")
                  .get(0)
                  .path("n")
                  .asLong())
          .isEqualTo(expectedStats.size());
      PrometheusText m = PrometheusText.scrape(platform.httpPort());
      assertThat(m.sum("freshet_records_in_total", "pipeline", "iot-monitoring"))
          .isEqualTo(
              scenario.onTime().size() + scenario.late().size() + scenario.malformed().size());
      assertThat(m.sum("freshet_late_events_total", "pipeline", "iot-monitoring")).isEqualTo(1);
    }
  }

  /** Every committed 5 s stats record so far, by (window, revision). */
  private static RevisionLog<ExpectedStats> statsLog(TopicReader reader) {
    RevisionLog<ExpectedStats> log =
        new RevisionLog<>("5 s stats", ExpectedStats::key, ExpectedStats::revision);
    for (var r : reader.poll()) {
      ExpectedStats s = ResultRows.stats(IotTopics.SENSOR_STATS_5S.valueCodec().decode(r.value()));
      if (s.windowEnd() <= COMPARED_UNTIL) {
        log.add(s);
      }
    }
    return log;
  }

  /** Every committed 1 min stddev record so far, by (window, revision). */
  private static RevisionLog<ExpectedStddev> stddevLog(TopicReader reader) {
    RevisionLog<ExpectedStddev> log =
        new RevisionLog<>("1 min stddev", ExpectedStddev::key, ExpectedStddev::revision);
    for (var r : reader.poll()) {
      ExpectedStddev s =
          ResultRows.stddev(IotTopics.SENSOR_STDDEV_1M.valueCodec().decode(r.value()));
      if (s.windowEnd() <= COMPARED_UNTIL) {
        log.add(s);
      }
    }
    return log;
  }

  private void send(KafkaProducer<byte[], byte[]> producer, Reading r) {
    producer.send(
        new ProducerRecord<>(
            IotTopics.SENSOR_READINGS.name(),
            r.deviceId().getBytes(StandardCharsets.UTF_8),
            SensorEnvelopes.encode(r, "test")));
  }

  private TopicReader reader(String topic) {
    return TopicReader.committed(platform.bootstrapServers(), topic);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return TestProducer.create(platform.bootstrapServers());
  }
}
