package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorReadingWriter;
import io.freshet.core.iot.SensorType;
import io.freshet.pipelines.iot.IotMonitoringJob;
import io.freshet.pipelines.iot.IotPipeline;
import io.freshet.pipelines.iot.IotTopics;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.PipelineContext;
import io.freshet.pipelines.plugin.PipelineSettings;
import io.freshet.pipelines.plugin.WindowSettings;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.pipelines.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The IoT job with one reading per device, then one far-later reading per partition from a clock
 * device, so the watermark passes every device's windows and their allowed lateness.
 */
final class DeviceStatePipeline implements KeyedPipeline {
  private static final String DEVICE_PREFIX = "sd-";

  private static final SensorType[] TYPES = SensorType.values();
  // Levels and noise well inside the default limits: no threshold alert, no anomaly.
  private static final double[] LEVELS = {60, 5, 8, 45, 200};
  private static final double[] NOISE = {1.5, 0.2, 1.0, 2.0, 10};

  private final int keys;
  private final long seed;

  DeviceStatePipeline(int keys, long seed) {
    this.keys = keys;
    this.seed = seed;
  }

  /** Event time of the clock readings: past every window, its stddev panes and lateness. */
  static long clockTime() {
    return FraudWorkloads.EVENT_TIME_BASE
        + IotMonitoringJob.PANE.toMillis()
        + IotMonitoringJob.STDDEV_WINDOW.toMillis()
        + PipelineSettings.defaults().get(WindowSettings.ALLOWED_LATENESS).toMillis()
        + PipelineContext.DEFAULT_MAX_OUT_OF_ORDERNESS.toMillis()
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
  public FreshetPipeline pipeline() {
    return new IotPipeline();
  }

  @Override
  public TopicDescriptor<?, ?> input() {
    return IotTopics.SENSOR_READINGS;
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
  public void load(BenchContext context, String input) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    loadOnePerKey(
        context,
        input,
        i -> {
          int t = i % TYPES.length;
          // All readings in one 5 s pane: one pane per device, never late.
          long eventTime = FraudWorkloads.EVENT_TIME_BASE + i % IotMonitoringJob.PANE.toMillis();
          return reading(
              random,
              DEVICE_PREFIX + i,
              TYPES[t],
              LEVELS[t] + random.nextDouble(-NOISE[t], NOISE[t]),
              eventTime);
        });
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
  public List<StateOutput> outputs(TopicNaming naming) {
    return List.of(
        new StateOutput(naming.name(IotTopics.SENSOR_STATS_5S), keys, true),
        new StateOutput(naming.name(IotTopics.SENSOR_STDDEV_1M), keys * windowsPerPane(), false),
        new StateOutput(naming.name(IotTopics.SENSOR_ANOMALIES), -1, false),
        new StateOutput(naming.name(IotTopics.SENSOR_ALERTS), -1, false),
        new StateOutput(naming.name(Topics.LATE_EVENTS), 0, false),
        new StateOutput(naming.name(IotTopics.SENSOR_READINGS_DLQ), 0, false));
  }
}
