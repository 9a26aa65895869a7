package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.BenchSources;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorReadingWriter;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.iot.SensorType;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.common.EventTimeWatermarks;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.iot.EquipmentBaselineDeserializer;
import io.freshet.pipelines.iot.IotJobIo;
import io.freshet.pipelines.iot.IotMonitoringJob;
import io.freshet.pipelines.iot.IotPipelineSettings;
import io.freshet.pipelines.iot.IotSettings;
import io.freshet.pipelines.iot.IotTopics;
import io.freshet.pipelines.kafka.DeadLetterSerializationSchema;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.kafka.TopicSerializationSchema;
import io.freshet.pipelines.plugin.WindowSettings;
import io.freshet.pipelines.topic.Topics;
import io.freshet.runtime.config.FreshetConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The IoT job with one reading per device, then one far-later reading per partition from a clock
 * device, so the watermark passes every device's windows and their allowed lateness.
 */
final class DeviceStatePipeline implements KeyedPipeline {
  private static final FreshetConfig PRODUCTION = FreshetConfig.defaults();
  private static final String DEVICE_PREFIX = "sd-";

  private static final SensorType[] TYPES = SensorType.values();
  // Levels and noise well inside the default limits: no threshold alert, no anomaly.
  private static final double[] LEVELS = {60, 5, 8, 45, 200};
  private static final double[] NOISE = {1.5, 0.2, 1.0, 2.0, 10};

  private final int keys;
  private final long seed;
  private String baselines;

  DeviceStatePipeline(int keys, long seed) {
    this.keys = keys;
    this.seed = seed;
  }

  /** Event time of the clock readings: past every window, its stddev panes and lateness. */
  static long clockTime() {
    return FraudWorkloads.EVENT_TIME_BASE
        + IotMonitoringJob.PANE.toMillis()
        + IotMonitoringJob.STDDEV_WINDOW.toMillis()
        + PRODUCTION.setting(WindowSettings.ALLOWED_LATENESS).toMillis()
        + PRODUCTION.maxOutOfOrderness().toMillis()
        + Duration.ofMinutes(1).toMillis();
  }

  /** Every 5 s pane belongs to this many sliding 1 min windows, each emitted once. */
  static long windowsPerPane() {
    return IotMonitoringJob.STDDEV_WINDOW.toMillis() / IotMonitoringJob.PANE.toMillis();
  }

  @Override
  public String keyKind() {
    return "devices";
  }

  @Override
  public String jobName() {
    return "state-" + IotMonitoringJob.NAME;
  }

  @Override
  public int keys() {
    return keys;
  }

  @Override
  public String keyPrefix() {
    return DEVICE_PREFIX;
  }

  /**
   * No: it runs after the customer jobs, whose leftovers made the difference meaningless (it came
   * out negative at 200,000 devices).
   */
  @Override
  public boolean measureHeap() {
    return false;
  }

  @Override
  public String createInput(BenchKafka kafka) throws Exception {
    baselines = kafka.createTopic(IotTopics.EQUIPMENT_BASELINES, "state-baselines").name();
    return kafka.createTopic(IotTopics.SENSOR_READINGS, "state-readings").name();
  }

  @Override
  public void load(BenchContext context, String input) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    Iterator<BenchRecord> records =
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys;
          }

          @Override
          public BenchRecord next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            int i = next++;
            int t = i % TYPES.length;
            // All readings in one 5 s pane: one pane per device, never late.
            long eventTime = FraudWorkloads.EVENT_TIME_BASE + i % IotMonitoringJob.PANE.toMillis();
            return reading(
                random,
                DEVICE_PREFIX + i,
                TYPES[t],
                LEVELS[t] + random.nextDouble(-NOISE[t], NOISE[t]),
                eventTime);
          }
        };
    context.loader().load(input, records, keys);
    // Appended after every device reading, on every partition: each partition's watermark
    // jumps only once its readings are all in.
    int partitions = IotTopics.SENSOR_READINGS.partitions();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(context.kafka().producerProperties())) {
      for (int p = 0; p < partitions; p++) {
        BenchRecord clock =
            reading(random, "bench-clock-" + p, SensorType.TEMPERATURE, LEVELS[0], clockTime());
        producer
            .send(new ProducerRecord<>(input, p, clock.key(), clock.value()))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static BenchRecord reading(
      SplittableRandom random, String device, SensorType type, double value, long eventTime) {
    String id = new UUID(random.nextLong(), random.nextLong()).toString();
    SensorReading reading =
        new SensorReading(
            id, eventTime, device, "plant-1", "line-1", type, value, type.defaultUnit());
    return new BenchRecord(
        device.getBytes(StandardCharsets.UTF_8),
        SensorReadingWriter.write(reading, "freshet-bench"));
  }

  @Override
  public List<StateOutput> createOutputs(BenchKafka kafka, String tag) throws Exception {
    return List.of(
        new StateOutput(
            kafka.createTopic(IotTopics.SENSOR_STATS_5S, tag + "-stats").name(), keys, true),
        new StateOutput(
            kafka.createTopic(IotTopics.SENSOR_STDDEV_1M, tag + "-stddev").name(),
            keys * windowsPerPane(),
            false),
        new StateOutput(
            kafka.createTopic(IotTopics.SENSOR_ANOMALIES, tag + "-anomalies").name(), -1, false),
        new StateOutput(
            kafka.createTopic(IotTopics.SENSOR_ALERTS, tag + "-alerts").name(), -1, false),
        new StateOutput(kafka.createTopic(Topics.LATE_EVENTS, tag + "-late").name(), 0, false),
        new StateOutput(
            kafka.createTopic(IotTopics.SENSOR_READINGS_DLQ, tag + "-dlq").name(), 0, false));
  }

  @Override
  public Consumer<StreamExecutionEnvironment> wiring(
      BenchKafka kafka, String input, List<StateOutput> outputs, String tag) {
    KafkaConnection connection = new KafkaConnection(kafka.bootstrapServers());
    IngestingDeserializationSchema<SensorReading> deserializer =
        new IngestingDeserializationSchema<>(
            IotTopics.SENSOR_READINGS.valueCodec(),
            SensorReading::eventTime,
            PipelineId.of(IotMonitoringJob.NAME),
            TypeInformation.of(new TypeHint<Ingested<SensorReading>>() {}));
    IotJobIo io =
        new IotJobIo(
            BenchSources.live(kafka, input, "bench-" + tag, deserializer),
            EventTimeWatermarks.forIngested(
                PRODUCTION.maxOutOfOrderness(), PRODUCTION.sourceIdleness()),
            BenchSources.live(
                kafka,
                baselines,
                "bench-" + tag + "-baselines",
                new EquipmentBaselineDeserializer()),
            connection.exactlyOnceSink(
                new TopicSerializationSchema<String, SensorStats5s>(
                    IotTopics.SENSOR_STATS_5S.withName(outputs.get(0).topic()),
                    SensorStats5s::deviceId),
                tag + "-stats"),
            connection.exactlyOnceSink(
                new TopicSerializationSchema<String, SensorStddev1m>(
                    IotTopics.SENSOR_STDDEV_1M.withName(outputs.get(1).topic()),
                    SensorStddev1m::deviceId),
                tag + "-stddev"),
            connection.exactlyOnceSink(
                new TopicSerializationSchema<String, SensorAnomaly>(
                    IotTopics.SENSOR_ANOMALIES.withName(outputs.get(2).topic()),
                    SensorAnomaly::deviceId),
                tag + "-anomalies"),
            connection.exactlyOnceSink(
                new TopicSerializationSchema<String, SensorAlert>(
                    IotTopics.SENSOR_ALERTS.withName(outputs.get(3).topic()),
                    SensorAlert::deviceId),
                tag + "-alerts"),
            connection.exactlyOnceSink(
                new TopicSerializationSchema<String, LateEvent>(
                    Topics.LATE_EVENTS.withName(outputs.get(4).topic()), LateEvent::key),
                tag + "-late"),
            connection.exactlyOnceSink(
                new DeadLetterSerializationSchema(
                    IotTopics.SENSOR_READINGS_DLQ.withName(outputs.get(5).topic())),
                tag + "-dlq"),
            new DiscardingSink<>(),
            new DiscardingSink<>(),
            new DiscardingSink<>());
    IotSettings settings = IotPipelineSettings.of(PRODUCTION.settings());
    return new IotMonitoringJob(io, settings)::wireInto;
  }
}
