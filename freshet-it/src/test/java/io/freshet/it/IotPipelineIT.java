package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.core.iot.AnomalyConfig;
import io.freshet.core.iot.EwmaBaseline;
import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAlertCodec;
import io.freshet.core.iot.SensorAnomalyCodec;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorReadingWriter;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStats5sCodec;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.iot.SensorStddev1mCodec;
import io.freshet.core.iot.SensorType;
import io.freshet.core.late.LateEvent;
import io.freshet.core.late.LateEventCodec;
import io.freshet.pipelines.iot.IotTopics;
import io.freshet.pipelines.topic.Topics;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.testkit.kafka.TestProducer;
import io.freshet.testkit.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IoT pipeline on the embedded broker and MiniCluster against straight-loop reference results:
 * on-time readings with bounded disorder, late readings within the allowed lateness (revisions) and
 * too-late ones (late-events), threshold breaches, a planted anomaly and malformed records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IotPipelineIT {
  static final long T0 = Instant.parse("2026-11-26T12:00:00.000Z").toEpochMilli();
  static final long SEC = 1000;
  static final long PANE = 5 * SEC;
  static final long MIN = 60 * SEC;
  static final SensorType[] TYPES = SensorType.values();
  static final double[] LEVEL = {60, 5, 8, 45, 200};

  /** Only windows ending by then are certain to have fired when the checks run. */
  static final long COMPARED_UNTIL = T0 + 9 * MIN + 35 * SEC;

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

  static SensorReading reading(int device, long time, double value) {
    return new SensorReading(
        "r-" + device + "-" + time,
        time,
        "dev-" + device,
        "plant-1",
        "line-1",
        TYPES[device % TYPES.length],
        value,
        TYPES[device % TYPES.length].defaultUnit());
  }

  @Test
  void windowsRevisionsLateEventsAlertsAndAnomaliesMatchTheReference() throws Exception {
    // Given ten minutes of one reading per second from six devices, arriving up to 3 s out of
    // order, with a temperature spike on dev-0 at T0+5m and a humidity breach on dev-3 at T0+2m
    SplittableRandom random = new SplittableRandom(42);
    List<SensorReading> onTime = new ArrayList<>();
    Map<SensorReading, Long> arrival = new HashMap<>();
    for (int device = 0; device < 6; device++) {
      for (long s = 0; s < 600; s++) {
        long t = T0 + s * SEC;
        double value = LEVEL[device % TYPES.length] + random.nextDouble(-1, 1);
        if (device == 0 && t >= T0 + 5 * MIN && t < T0 + 5 * MIN + PANE) {
          value = 180;
        }
        if (device == 3 && t == T0 + 2 * MIN) {
          value = 99;
        }
        SensorReading r = reading(device, t, value);
        onTime.add(r);
        arrival.put(r, t + random.nextLong(3 * SEC));
      }
    }
    onTime.sort(Comparator.comparingLong(arrival::get));
    List<byte[]> malformed =
        List.of(
                "{\"event_id\":\"bad-1\",\"event_type\":\"sensor.reading\",\"timestamp\":\"2026-11-26T12:00:00.000Z\",\"payload\":{\"device_id\":\"dev-9\",\"sensor_type\":\"temperature\",\"value\":NaN}}",
                "{\"event_id\":\"bad-2\",\"event_type\":\"sensor.reading\",\"timestamp\":\"2026-11-26T12:00:00.000Z\",\"payload\":{\"device_id\":\"dev-9\",\"sensor_type\":\"radiation\",\"value\":1}}",
                "{\"event_id\":\"bad-3\",\"event_type\":\"sensor.reading\",\"timestamp\":\"2026-11-26T12:00:00.000Z\",\"payload\":{\"sensor_type\":\"temperature\",\"value\":1}}")
            .stream()
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .toList();

    // When they are produced, and the watermark has passed T0+9m35s
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (SensorReading r : onTime) {
        send(producer, r);
      }
      for (byte[] bad : malformed) {
        producer.send(
            new ProducerRecord<>(IotTopics.SENSOR_READINGS.name(), "dev-9".getBytes(), bad));
      }
    }
    try (TopicReader stats = reader(IotTopics.SENSOR_STATS_5S.name())) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  stats.poll().stream()
                      .map(r -> new SensorStats5sCodec().decode(r.value()))
                      .anyMatch(s -> s.windowEnd() >= COMPARED_UNTIL));
    }
    // and then two readings late but within the allowed lateness (dev-1, pane T0+6m) and one
    // too late (dev-2, pane T0+1m, whose lateness ended at T0+6m5s)
    SensorReading late1 = reading(1, T0 + 6 * MIN + SEC + 1, 7);
    SensorReading late2 = reading(1, T0 + 6 * MIN + 2 * SEC + 1, 3);
    SensorReading tooLate = reading(2, T0 + MIN + 1, 8);
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      send(producer, late1);
      send(producer, late2);
      send(producer, tooLate);
    }
    List<SensorReading> counted = new ArrayList<>(onTime);
    counted.add(late1);
    counted.add(late2);

    // Then every output matches the reference computed with plain loops
    Map<String, double[]> expectedStats = statsByWindow(counted, PANE, PANE);
    Map<String, double[]> expectedStddev = statsByWindow(counted, MIN, PANE);
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
                Map<String, SensorStats5s> latest = latestStats(stats);
                assertThat(latest.get(key("dev-1", SensorType.PRESSURE, T0 + 6 * MIN)))
                    .extracting(SensorStats5s::revision)
                    .isEqualTo(2);
                assertThat(late.poll()).hasSize(1);
                assertThat(deadLetters.poll()).hasSize(3);
                Map<String, SensorStddev1m> latestStddev = latestStddev(stddev);
                assertThat(
                        latestStddev.get(key("dev-1", SensorType.PRESSURE, T0 + 5 * MIN + 5 * SEC)))
                    .extracting(SensorStddev1m::revision)
                    .isEqualTo(2);
              });

      // 5 s statistics and the 1 min stddev: every window up to the bound, exact, with its final
      // revision (awaited, as sink subtasks commit their transactions independently)
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> assertWindows(stats, stddev, expectedStats, expectedStddev));

      // the too-late reading is a late event naming the window it missed
      LateEvent lateEvent = new LateEventCodec().decode(late.records().get(0).value());
      assertThat(lateEvent.eventId()).isEqualTo(tooLate.eventId());
      assertThat(lateEvent.pipeline()).isEqualTo("iot-monitoring");
      assertThat(lateEvent.windowStart()).isEqualTo(T0 + MIN);
      assertThat(lateEvent.windowEnd()).isEqualTo(T0 + MIN + PANE);
      assertThat(lateEvent.watermark()).isGreaterThanOrEqualTo(COMPARED_UNTIL - 1);

      // threshold alerts: exactly the readings above their limit, once each
      Set<String> expectedAlerts =
          counted.stream()
              .filter(r -> r.value() > limit(r.sensorType()))
              .map(SensorReading::eventId)
              .collect(Collectors.toSet());
      assertThat(expectedAlerts).hasSize(6);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          alerts.poll().stream()
                              .map(r -> new SensorAlertCodec().decode(r.value()))
                              .map(SensorAlert::eventId)
                              .toList())
                      .containsExactlyInAnyOrderElementsOf(expectedAlerts));

      // anomalies: the reference scores each device's first 5 s means in order
      Set<String> expectedAnomalies = anomalies(onTime);
      assertThat(expectedAnomalies).contains(key("dev-0", SensorType.TEMPERATURE, T0 + 5 * MIN));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          anomalies.poll().stream()
                              .map(r -> new SensorAnomalyCodec().decode(r.value()))
                              .filter(a -> a.windowEnd() <= COMPARED_UNTIL)
                              .map(a -> key(a.deviceId(), a.sensorType(), a.windowStart()))
                              .toList())
                      .containsExactlyInAnyOrderElementsOf(expectedAnomalies));

      // dead letters, and every record accounted for
      assertThat(
              deadLetters.records().stream()
                  .map(r -> DeadLetterCodec.fromJson(r.value()).errorType().name())
                  .sorted()
                  .toList())
          .containsExactly("INVALID_FIELD", "INVALID_FIELD", "MISSING_FIELD");
      // the serving store holds the same 5 s statistics, every row read back through freshet sql
      for (var row :
          FreshetSql.rows(
              platform.httpPort(),
              "select device_id, sensor_type, window_start, count, mean, min, max, revision"
                  + " from sensor_stats_5s where window_end <= timestamp '2026-11-26 12:09:35'")) {
        String k =
            key(
                row.path("device_id").asText(),
                SensorType.fromWireName(row.path("sensor_type").asText()).orElseThrow(),
                io.freshet.core.time.Timestamps.parse(row.path("window_start").asText()));
        double[] v = expectedStats.get(k);
        assertThat(v).as(k).isNotNull();
        assertThat(row.path("count").asLong()).as(k).isEqualTo((long) v[0]);
        assertThat(row.path("mean").asDouble()).as(k).isCloseTo(v[1], within(1e-9));
        assertThat(row.path("min").asDouble()).as(k).isEqualTo(v[3]);
        assertThat(row.path("max").asDouble()).as(k).isEqualTo(v[4]);
        assertThat(row.path("revision").asInt())
            .as(k)
            .isEqualTo(k.equals(key("dev-1", SensorType.PRESSURE, T0 + 6 * MIN)) ? 2 : 0);
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
          .isEqualTo(onTime.size() + 3 + malformed.size());
      assertThat(m.sum("freshet_late_events_total", "pipeline", "iot-monitoring")).isEqualTo(1);
    }
  }

  private static void assertWindows(
      TopicReader stats,
      TopicReader stddev,
      Map<String, double[]> expectedStats,
      Map<String, double[]> expectedStddev) {
    Map<String, SensorStats5s> latest = latestStats(stats);
    expectedStats.forEach(
        (k, v) -> {
          SensorStats5s got = latest.get(k);
          assertThat(got).as(k).isNotNull();
          assertThat(got.count()).as(k).isEqualTo((long) v[0]);
          assertThat(got.mean()).as(k).isCloseTo(v[1], within(1e-9));
          assertThat(got.min()).as(k).isEqualTo(v[3]);
          assertThat(got.max()).as(k).isEqualTo(v[4]);
        });
    assertThat(latest.keySet()).containsAll(expectedStats.keySet());
    assertThat(latest.values().stream().filter(s -> s.revision() > 0))
        .extracting(SensorStats5s::deviceId, SensorStats5s::windowStart, SensorStats5s::revision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dev-1", T0 + 6 * MIN, 2));

    // 1 min standard deviation sliding every 5 s, merged from panes
    Map<String, SensorStddev1m> latestStddev = latestStddev(stddev);
    expectedStddev.forEach(
        (k, v) -> {
          SensorStddev1m got = latestStddev.get(k);
          assertThat(got).as(k).isNotNull();
          assertThat(got.count()).as(k).isEqualTo((long) v[0]);
          assertThat(got.mean()).as(k).isCloseTo(v[1], within(1e-9));
          assertThat(got.stddev()).as(k).isCloseTo(v[2], within(1e-9));
        });
    assertThat(
            latestStddev.values().stream()
                .filter(s -> s.windowEnd() <= COMPARED_UNTIL && s.revision() > 0)
                .map(SensorStddev1m::windowStart)
                .sorted()
                .distinct()
                .toList())
        .as("windows containing the revised pane")
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(0, 11)
                .mapToObj(i -> T0 + 5 * MIN + 5 * SEC + i * PANE)
                .toList());
  }

  static double limit(SensorType type) {
    return switch (type) {
      case TEMPERATURE -> 90;
      case PRESSURE -> 10;
      case VIBRATION -> 20;
      case HUMIDITY -> 95;
      case POWER -> 500;
    };
  }

  static String key(String device, SensorType type, long windowStart) {
    return device + "|" + type + "|" + windowStart;
  }

  /**
   * count, mean, population stddev, min, max per window of {@code size} sliding by {@code slide}.
   */
  static Map<String, double[]> statsByWindow(List<SensorReading> readings, long size, long slide) {
    Map<String, List<Double>> values = new TreeMap<>();
    for (SensorReading r : readings) {
      long lastStart = r.eventTime() - Math.floorMod(r.eventTime(), slide);
      for (long start = lastStart; start > r.eventTime() - size; start -= slide) {
        if (start >= T0 && start + size <= COMPARED_UNTIL) {
          values
              .computeIfAbsent(key(r.deviceId(), r.sensorType(), start), k -> new ArrayList<>())
              .add(r.value());
        }
      }
    }
    Map<String, double[]> out = new TreeMap<>();
    values.forEach(
        (k, vs) -> {
          double sum = 0;
          double min = Double.POSITIVE_INFINITY;
          double max = Double.NEGATIVE_INFINITY;
          for (double v : vs) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
          double mean = sum / vs.size();
          double squares = 0;
          for (double v : vs) {
            squares += (v - mean) * (v - mean);
          }
          out.put(k, new double[] {vs.size(), mean, Math.sqrt(squares / vs.size()), min, max});
        });
    return out;
  }

  /** Windows whose first 5 s mean is anomalous against the device's baseline of earlier ones. */
  static Set<String> anomalies(List<SensorReading> onTime) {
    Map<String, double[]> panes = statsByWindow(onTime, PANE, PANE);
    Map<String, List<Map.Entry<String, double[]>>> byDevice = new TreeMap<>();
    panes
        .entrySet()
        .forEach(
            e ->
                byDevice
                    .computeIfAbsent(
                        e.getKey().substring(0, e.getKey().lastIndexOf('|')),
                        k -> new ArrayList<>())
                    .add(e));
    Set<String> anomalous = new java.util.TreeSet<>();
    AnomalyConfig config = AnomalyConfig.defaults();
    byDevice.forEach(
        (device, windows) -> {
          windows.sort(
              Comparator.comparingLong(
                  e -> Long.parseLong(e.getKey().substring(e.getKey().lastIndexOf('|') + 1))));
          EwmaBaseline baseline = EwmaBaseline.empty(config);
          for (Map.Entry<String, double[]> w : windows) {
            double mean = w.getValue()[1];
            var z = baseline.score(mean);
            if (z.isPresent() && config.isAnomaly(z.getAsDouble())) {
              anomalous.add(w.getKey());
            }
            baseline = baseline.update(mean);
          }
        });
    return anomalous;
  }

  private static Map<String, SensorStats5s> latestStats(TopicReader reader) {
    Map<String, SensorStats5s> latest = new HashMap<>();
    for (var r : reader.poll()) {
      SensorStats5s s = new SensorStats5sCodec().decode(r.value());
      latest.merge(
          key(s.deviceId(), s.sensorType(), s.windowStart()),
          s,
          (a, b) -> a.revision() >= b.revision() ? a : b);
    }
    return latest;
  }

  private static Map<String, SensorStddev1m> latestStddev(TopicReader reader) {
    Map<String, SensorStddev1m> latest = new HashMap<>();
    for (var r : reader.poll()) {
      SensorStddev1m s = new SensorStddev1mCodec().decode(r.value());
      latest.merge(
          key(s.deviceId(), s.sensorType(), s.windowStart()),
          s,
          (a, b) -> a.revision() >= b.revision() ? a : b);
    }
    return latest;
  }

  private void send(KafkaProducer<byte[], byte[]> producer, SensorReading r) {
    producer.send(
        new ProducerRecord<>(
            IotTopics.SENSOR_READINGS.name(),
            r.deviceId().getBytes(StandardCharsets.UTF_8),
            SensorReadingWriter.write(r, "test")));
  }

  private TopicReader reader(String topic) {
    return TopicReader.committed(platform.bootstrapServers(), topic);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return TestProducer.create(platform.bootstrapServers());
  }
}
