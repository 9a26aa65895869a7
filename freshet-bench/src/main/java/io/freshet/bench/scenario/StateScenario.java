package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.Figures;
import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchJob;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.BenchSources;
import io.freshet.bench.harness.CommittedReader;
import io.freshet.bench.harness.FreshetRunProcess;
import io.freshet.bench.harness.JobRun;
import io.freshet.bench.harness.OutputVisibility;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorReadingWriter;
import io.freshet.core.iot.SensorType;
import io.freshet.pipelines.common.EventTimeWatermarks;
import io.freshet.pipelines.common.LateEvent;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.fraud.FraudDetectionJob;
import io.freshet.pipelines.fraud.FraudJobIo;
import io.freshet.pipelines.iot.EquipmentBaselineDeserializer;
import io.freshet.pipelines.iot.IotJobIo;
import io.freshet.pipelines.iot.IotMonitoringJob;
import io.freshet.pipelines.iot.IotSettings;
import io.freshet.pipelines.iot.SensorAlert;
import io.freshet.pipelines.iot.SensorAnomaly;
import io.freshet.pipelines.iot.SensorStats5s;
import io.freshet.pipelines.iot.SensorStddev1m;
import io.freshet.pipelines.kafka.DeadLetterSerializationSchema;
import io.freshet.pipelines.kafka.Ingested;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.kafka.TopicSerializationSchema;
import io.freshet.pipelines.topic.Topics;
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.runtime.flink.StateBackendKind;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code state}: checkpointed state bytes per customer (fraud) and per device (IoT) at a million
 * keys on the heap and RocksDB backends, the size and duration of a full checkpoint, and the memory
 * of a whole {@code freshet run} under the default demo traffic.
 */
public final class StateScenario implements BenchScenario {
  static final long FULL_KEYS = 1_000_000;
  static final long QUICK_KEYS = 5_000;
  static final Duration DEMO_FULL = Duration.ofSeconds(60);
  static final Duration DEMO_QUICK = Duration.ofSeconds(10);

  /**
   * Freshet exposes no Prometheus JVM collector; Flink's JVM gauges of the embedded MiniCluster
   * read the MemoryMXBean of the one process, so they are the whole process's heap.
   */
  static final String HEAP_USED_METRIC = "flink_jobmanager_Status_JVM_Memory_Heap_Used";

  static final String HEAP_COMMITTED_METRIC = "flink_jobmanager_Status_JVM_Memory_Heap_Committed";

  /** The target of the issue: idle customer state. */
  static final double TARGET_CUSTOMER_BYTES = 200;

  /** The target of the issue: heap of the whole demo process. */
  static final double TARGET_DEMO_HEAP_BYTES = 1024.0 * 1024 * 1024;

  /** See {@link #requireHeapFor}. */
  static final long HEAP_BASE_BYTES = 512L << 20;

  static final long HEAP_BYTES_PER_KEY = 1024;

  private static final FreshetConfig PRODUCTION = FreshetConfig.defaults();

  /** Bounds a stuck run only: a million devices emit 13 million records on a shared machine. */
  private static final Duration OUTPUT_DEADLINE = Duration.ofMinutes(60);

  private static final String CUSTOMER_PREFIX = "sc-";
  private static final String DEVICE_PREFIX = "sd-";

  @Override
  public String name() {
    return "state";
  }

  @Override
  public String description() {
    return "state bytes per customer and per device (heap, RocksDB), checkpoint size and"
        + " duration, memory of freshet run under demo traffic";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    // Fail before minutes of state measurements, not at the demo phase after them.
    FreshetRunProcess.requireCli();
    long size = context.options().size(FULL_KEYS, QUICK_KEYS);
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("state: at most " + Integer.MAX_VALUE + " keys");
    }
    int keys = (int) size;
    requireHeapFor(keys);
    long seed = context.options().seed();
    List<Measured> measured = new ArrayList<>();
    for (KeyedPipeline pipeline : List.of(new Customers(keys, seed), new Devices(keys, seed))) {
      String input = pipeline.createInput(context.kafka());
      // The heap run goes first: it loads the input, after the heap baseline for customers.
      measured.add(measure(context, pipeline, input, StateBackendKind.HEAP, true));
      measured.add(measure(context, pipeline, input, StateBackendKind.ROCKSDB, false));
    }
    DemoMemory demo = demoMemory(context);
    return result(context, keys, measured, demo);
  }

  /**
   * A lower bound of the heap this JVM (which runs the MiniCluster) needs: about 600 B per customer
   * were measured on the heap backend, and devices hold window state until their windows close;
   * failing here beats an OutOfMemoryError deep into the run.
   */
  static void requireHeapFor(int keys) {
    long needed = HEAP_BASE_BYTES + keys * HEAP_BYTES_PER_KEY;
    long max = Runtime.getRuntime().maxMemory();
    if (max < needed) {
      throw new IllegalStateException(
          String.format(
              "state at %,d keys keeps them on this JVM's heap and needs at least %,d MiB, but"
                  + " the maximum heap is %,d MiB: run with e.g. FRESHET_JAVA_OPTS=-Xmx%dg",
              keys, needed >> 20, max >> 20, (needed >> 30) + 2));
    }
  }

  // ---------------------------------------------------------------- state per key

  /** What one job run left in state, from a full checkpoint taken after its output committed. */
  record Measured(
      String keyKind,
      StateBackendKind backend,
      int keys,
      long keysWithOutput,
      long stateSize,
      long checkpointedSize,
      long checkpointMillis,
      long heapBefore,
      long heapAfter) {
    double bytesPerKey() {
      return (double) stateSize / keys;
    }

    /** Growth of used heap per key, or NaN when not measured (RocksDB runs, devices). */
    double heapBytesPerKey() {
      return heapBefore < 0 ? Double.NaN : (double) (heapAfter - heapBefore) / keys;
    }
  }

  private Measured measure(
      BenchContext context,
      KeyedPipeline pipeline,
      String input,
      StateBackendKind backend,
      boolean load)
      throws Exception {
    // Only the first run's baseline is clean enough: later ones see what cancelled jobs left.
    boolean measureHeap = load && pipeline.measureHeap();
    BenchKafka kafka = context.kafka();
    String tag =
        "state-"
            + pipeline.keyKind()
            + "-"
            + backend.flinkName()
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    List<Output> outputs = pipeline.createOutputs(kafka, tag);
    List<String> names = outputs.stream().map(Output::topic).toList();
    OutputCount counted = new OutputCount(outputs, pipeline.keys(), pipeline.keyPrefix());
    BenchJob job =
        BenchJob.of(
                pipeline.jobName() + "-" + backend.flinkName(),
                pipeline.wiring(kafka, input, outputs, tag))
            .withStateBackend(backend);
    // Opened before the heap baseline so its own buffers are on both sides of the difference.
    try (CommittedReader reader = new CommittedReader(kafka, names)) {
      JobRun run = context.flink().submit(job);
      try {
        run.awaitRunning(Duration.ofMinutes(2));
        long heapBefore = measureHeap ? usedHeapAfterGc() : -1;
        if (load) {
          pipeline.load(context, input);
        }
        Progress.Step step =
            context.progress().start(tag + " outputs committed", counted.expectedTotal());
        reader.readUntil(
            (record, received) -> {
              counted.accept(record);
              step.update(counted.total());
            },
            counted::reachedExpected,
            OUTPUT_DEADLINE);
        long heapAfter = measureHeap ? usedHeapAfterGc() : -1;
        CompletedCheckpointStats checkpoint = run.checkpoint();
        // Output beyond the expected counts would be duplicates: read whatever else committed.
        OutputVisibility.awaitNoOpenTransactions(kafka.admin(), names, Duration.ofMinutes(5));
        reader.readAllCommitted((record, received) -> counted.accept(record));
        counted.requireExact(tag);
        return new Measured(
            pipeline.keyKind(),
            backend,
            pipeline.keys(),
            counted.distinctKeys(),
            checkpoint.getStateSize(),
            checkpoint.getCheckpointedSize(),
            checkpoint.getEndToEndDuration(),
            heapBefore,
            heapAfter);
      } finally {
        run.cancel();
      }
    }
  }

  /** Used heap of this JVM (which runs the MiniCluster) after two full collections. */
  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /**
   * An output topic of a job run.
   *
   * @param expected the exact committed record count, or -1 when any count is fine (alerts)
   * @param onePerKey every key must have exactly one record here: the proof it reached state
   */
  record Output(String topic, long expected, boolean onePerKey) {}

  /** Counts committed output per topic and checks the per-key topic key by key. */
  private static final class OutputCount {
    private final List<Output> outputs;
    private final Map<String, Output> byTopic = new LinkedHashMap<>();
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final int keys;
    private final String keyPrefix;
    private final BitSet seen;
    private long total;
    private long repeated;
    private long foreign;

    OutputCount(List<Output> outputs, int keys, String keyPrefix) {
      this.outputs = outputs;
      this.keys = keys;
      this.keyPrefix = keyPrefix;
      this.seen = new BitSet(keys);
      outputs.forEach(
          o -> {
            byTopic.put(o.topic(), o);
            counts.put(o.topic(), new long[1]);
          });
    }

    long expectedTotal() {
      return outputs.stream().mapToLong(o -> Math.max(0, o.expected())).sum();
    }

    long total() {
      return total;
    }

    void accept(ConsumerRecord<byte[], byte[]> record) {
      counts.get(record.topic())[0]++;
      total++;
      if (!byTopic.get(record.topic()).onePerKey()) {
        return;
      }
      int index = SyntheticTransactions.index(record.key(), keyPrefix);
      if (index < 0 || index >= keys) {
        foreign++;
      } else if (seen.get(index)) {
        repeated++;
      } else {
        seen.set(index);
      }
    }

    /** True once every expected count is reached; fails fast on duplicates or foreign keys. */
    boolean reachedExpected() {
      requireNoStrayKeys();
      return outputs.stream()
          .allMatch(o -> o.expected() < 0 || counts.get(o.topic())[0] >= o.expected());
    }

    long distinctKeys() {
      return seen.cardinality();
    }

    long count(String topic) {
      return counts.get(topic)[0];
    }

    void requireExact(String run) {
      requireNoStrayKeys();
      for (Output o : outputs) {
        if (o.expected() >= 0) {
          IncompleteResultsException.requireEqual(
              run + ": committed records on " + o.topic(), o.expected(), count(o.topic()));
        }
      }
      IncompleteResultsException.requireEqual(
          run + ": keys with committed output", keys, seen.cardinality());
    }

    private void requireNoStrayKeys() {
      if (repeated > 0 || foreign > 0) {
        throw new IncompleteResultsException(
            repeated
                + " keys had more than one committed result and "
                + foreign
                + " results had keys that were never loaded");
      }
    }
  }

  /** One keyed pipeline measured on both backends. */
  private interface KeyedPipeline {
    /** {@code customers} or {@code devices}. */
    String keyKind();

    String jobName();

    int keys();

    String keyPrefix();

    /** Whether the heap growth of its heap-backend run is measured. */
    boolean measureHeap();

    /** Creates the private input topic (and any other input) once for both backends. */
    String createInput(BenchKafka kafka) throws Exception;

    /** Loads one record per key (and whatever else the pipeline needs to emit its output). */
    void load(BenchContext context, String input) throws Exception;

    List<Output> createOutputs(BenchKafka kafka, String tag) throws Exception;

    Consumer<StreamExecutionEnvironment> wiring(
        BenchKafka kafka, String input, List<Output> outputs, String tag);
  }

  /** The fraud job with one transaction per customer: every customer gets one history. */
  private static final class Customers implements KeyedPipeline {
    private final int keys;
    private final long seed;

    Customers(int keys, long seed) {
      this.keys = keys;
      this.seed = seed;
    }

    @Override
    public String keyKind() {
      return "customers";
    }

    @Override
    public String jobName() {
      return "state-" + FraudDetectionJob.NAME;
    }

    @Override
    public int keys() {
      return keys;
    }

    @Override
    public String keyPrefix() {
      return CUSTOMER_PREFIX;
    }

    @Override
    public boolean measureHeap() {
      return true;
    }

    @Override
    public String createInput(BenchKafka kafka) throws Exception {
      return kafka.createTopic(Topics.TRANSACTIONS, "state-transactions").name();
    }

    @Override
    public void load(BenchContext context, String input) {
      SyntheticTransactions transactions = new SyntheticTransactions(seed);
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
              return transactions.next(
                  CUSTOMER_PREFIX + i,
                  "stx-" + i,
                  SyntheticTransactions.EVENT_TIME_BASE + i % 60_000);
            }
          };
      context.loader().load(input, records, keys);
    }

    @Override
    public List<Output> createOutputs(BenchKafka kafka, String tag) throws Exception {
      return List.of(
          new Output(
              kafka.createTopic(Topics.TRANSACTION_DECISIONS, tag + "-decisions").name(),
              keys,
              true),
          new Output(kafka.createTopic(Topics.FRAUD_ALERTS, tag + "-alerts").name(), -1, false),
          new Output(kafka.createTopic(Topics.TRANSACTIONS_DLQ, tag + "-dlq").name(), 0, false));
    }

    @Override
    public Consumer<StreamExecutionEnvironment> wiring(
        BenchKafka kafka, String input, List<Output> outputs, String tag) {
      KafkaConnection connection = new KafkaConnection(kafka.bootstrapServers());
      IngestingDeserializationSchema<Transaction> deserializer =
          new IngestingDeserializationSchema<>(
              Topics.TRANSACTIONS.valueCodec(),
              Transaction::eventTime,
              PipelineId.of(FraudDetectionJob.NAME),
              TypeInformation.of(new TypeHint<Ingested<Transaction>>() {}));
      FraudJobIo io =
          new FraudJobIo(
              BenchSources.live(kafka, input, "bench-" + tag, deserializer),
              EventTimeWatermarks.forIngested(
                  PRODUCTION.maxOutOfOrderness(), PRODUCTION.sourceIdleness()),
              connection.exactlyOnceSink(
                  new TopicSerializationSchema<String, TransactionDecision>(
                      Topics.TRANSACTION_DECISIONS.withName(outputs.get(0).topic()),
                      TransactionDecision::customerId),
                  tag + "-decisions"),
              connection.exactlyOnceSink(
                  new TopicSerializationSchema<String, FraudAlert>(
                      Topics.FRAUD_ALERTS.withName(outputs.get(1).topic()), FraudAlert::customerId),
                  tag + "-alerts"),
              connection.exactlyOnceSink(
                  new DeadLetterSerializationSchema(
                      Topics.TRANSACTIONS_DLQ.withName(outputs.get(2).topic())),
                  tag + "-dlq"),
              new DiscardingSink<>(),
              new DiscardingSink<>());
      return new FraudDetectionJob(io, PRODUCTION.fraudRules())::wireInto;
    }
  }

  /**
   * The IoT job with one reading per device, then one far-later reading per partition from a clock
   * device, so the watermark passes every device's windows and their allowed lateness.
   */
  private static final class Devices implements KeyedPipeline {
    private static final SensorType[] TYPES = SensorType.values();
    // Levels and noise well inside the default limits: no threshold alert, no anomaly.
    private static final double[] LEVELS = {60, 5, 8, 45, 200};
    private static final double[] NOISE = {1.5, 0.2, 1.0, 2.0, 10};

    private final int keys;
    private final long seed;
    private String baselines;

    Devices(int keys, long seed) {
      this.keys = keys;
      this.seed = seed;
    }

    /** Event time of the clock readings: past every window, its stddev panes and lateness. */
    static long clockTime() {
      return SyntheticTransactions.EVENT_TIME_BASE
          + IotMonitoringJob.PANE.toMillis()
          + IotMonitoringJob.STDDEV_WINDOW.toMillis()
          + PRODUCTION.allowedLateness().toMillis()
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
      baselines = kafka.createTopic(Topics.EQUIPMENT_BASELINES, "state-baselines").name();
      return kafka.createTopic(Topics.SENSOR_READINGS, "state-readings").name();
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
              long eventTime =
                  SyntheticTransactions.EVENT_TIME_BASE + i % IotMonitoringJob.PANE.toMillis();
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
      int partitions = Topics.SENSOR_READINGS.partitions();
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
    public List<Output> createOutputs(BenchKafka kafka, String tag) throws Exception {
      return List.of(
          new Output(kafka.createTopic(Topics.SENSOR_STATS_5S, tag + "-stats").name(), keys, true),
          new Output(
              kafka.createTopic(Topics.SENSOR_STDDEV_1M, tag + "-stddev").name(),
              keys * windowsPerPane(),
              false),
          new Output(
              kafka.createTopic(Topics.SENSOR_ANOMALIES, tag + "-anomalies").name(), -1, false),
          new Output(kafka.createTopic(Topics.SENSOR_ALERTS, tag + "-alerts").name(), -1, false),
          new Output(kafka.createTopic(Topics.LATE_EVENTS, tag + "-late").name(), 0, false),
          new Output(kafka.createTopic(Topics.SENSOR_READINGS_DLQ, tag + "-dlq").name(), 0, false));
    }

    @Override
    public Consumer<StreamExecutionEnvironment> wiring(
        BenchKafka kafka, String input, List<Output> outputs, String tag) {
      KafkaConnection connection = new KafkaConnection(kafka.bootstrapServers());
      IngestingDeserializationSchema<SensorReading> deserializer =
          new IngestingDeserializationSchema<>(
              Topics.SENSOR_READINGS.valueCodec(),
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
                      Topics.SENSOR_STATS_5S.withName(outputs.get(0).topic()),
                      SensorStats5s::deviceId),
                  tag + "-stats"),
              connection.exactlyOnceSink(
                  new TopicSerializationSchema<String, SensorStddev1m>(
                      Topics.SENSOR_STDDEV_1M.withName(outputs.get(1).topic()),
                      SensorStddev1m::deviceId),
                  tag + "-stddev"),
              connection.exactlyOnceSink(
                  new TopicSerializationSchema<String, SensorAnomaly>(
                      Topics.SENSOR_ANOMALIES.withName(outputs.get(2).topic()),
                      SensorAnomaly::deviceId),
                  tag + "-anomalies"),
              connection.exactlyOnceSink(
                  new TopicSerializationSchema<String, SensorAlert>(
                      Topics.SENSOR_ALERTS.withName(outputs.get(3).topic()), SensorAlert::deviceId),
                  tag + "-alerts"),
              connection.exactlyOnceSink(
                  new TopicSerializationSchema<String, LateEvent>(
                      Topics.LATE_EVENTS.withName(outputs.get(4).topic()), LateEvent::key),
                  tag + "-late"),
              connection.exactlyOnceSink(
                  new DeadLetterSerializationSchema(
                      Topics.SENSOR_READINGS_DLQ.withName(outputs.get(5).topic())),
                  tag + "-dlq"),
              new DiscardingSink<>(),
              new DiscardingSink<>(),
              new DiscardingSink<>());
      IotSettings settings =
          new IotSettings(
              PRODUCTION.allowedLateness(), PRODUCTION.anomalies(), PRODUCTION.sensorLimits());
      return new IotMonitoringJob(io, settings)::wireInto;
    }
  }

  // ---------------------------------------------------------------- demo process memory

  /**
   * Memory of a {@code freshet run} under demo traffic: RSS once a second, heap from a {@code
   * /metrics} scrape every {@link #SCRAPE_INTERVAL}.
   */
  record DemoMemory(
      double seconds,
      int rssSamples,
      int scrapes,
      double heapUsedMax,
      double heapCommittedMax,
      double rssMax,
      double rssHighWater,
      boolean procAvailable) {}

  /**
   * A scrape renders about 3 MB of text (0.5 to 4 s on the reference machine) inside the measured
   * process, so it is spaced like a Prometheus server would, not every second.
   */
  static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(5);

  private DemoMemory demoMemory(BenchContext context) throws Exception {
    Duration window = context.options().quick() ? DEMO_QUICK : DEMO_FULL;
    Path dir =
        context.workDir().resolve("state-demo-" + UUID.randomUUID().toString().substring(0, 6));
    List<String> args =
        List.of(
            "--data-dir",
            dir.resolve("data").toString(),
            "--kafka-port",
            Integer.toString(FreshetRunProcess.freePort()),
            "--controller-port",
            Integer.toString(FreshetRunProcess.freePort()));
    try (FreshetRunProcess process =
        FreshetRunProcess.start(
            dir.resolve("freshet-run.log"), FreshetRunProcess.freePort(), args)) {
      process.awaitHealthy(Duration.ofMinutes(3));
      Path status = Path.of("/proc", Long.toString(process.pid()), "status");
      boolean proc = Files.isReadable(status);
      Progress.Step step =
          context.progress().start("sampling freshet run memory (s)", window.toSeconds());
      double[] heapMax = new double[2];
      double rssMax = Double.NaN;
      int rssSamples = 0;
      int scrapes = 0;
      // Scrapes take seconds inside a busy process: they run beside the once-a-second RSS reads.
      ExecutorService scraper = Executors.newSingleThreadExecutor();
      try {
        Future<String> scrape = null;
        long started = System.nanoTime();
        long end = started + window.toNanos();
        long nextScrape = started;
        for (long now = started; now < end; now = System.nanoTime()) {
          if (proc) {
            double rss = kib(Files.readString(status, StandardCharsets.UTF_8), "VmRSS");
            rssMax = Double.isNaN(rssMax) ? rss : Math.max(rssMax, rss);
            rssSamples++;
          }
          if (scrape != null && scrape.isDone()) {
            heapSample(scrape.get(), heapMax);
            scrapes++;
            scrape = null;
          }
          if (scrape == null && now >= nextScrape) {
            scrape = scraper.submit(process::metrics);
            nextScrape = now + SCRAPE_INTERVAL.toNanos();
          }
          long elapsed = System.nanoTime() - started;
          step.update(TimeUnit.NANOSECONDS.toSeconds(elapsed));
          long nextSecond =
              started + (TimeUnit.NANOSECONDS.toSeconds(elapsed) + 1) * 1_000_000_000L;
          TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(nextSecond, end) - System.nanoTime()));
        }
        if (scrape != null) {
          // Started within the window: its reading belongs to it.
          heapSample(scrape.get(1, TimeUnit.MINUTES), heapMax);
          scrapes++;
        }
      } finally {
        scraper.shutdownNow();
      }
      double seconds = window.toNanos() / 1e9;
      // The peak RSS since the process started, startup included; read before it stops.
      double highWater =
          proc ? kib(Files.readString(status, StandardCharsets.UTF_8), "VmHWM") : Double.NaN;
      process.stop(Duration.ofMinutes(2));
      return new DemoMemory(
          seconds, rssSamples, scrapes, heapMax[0], heapMax[1], rssMax, highWater, proc);
    }
  }

  /** Raises {@code max} (heap used, heap committed) to what one scrape read. */
  private static void heapSample(String metrics, double[] max) {
    max[0] = Math.max(max[0], metric(metrics, HEAP_USED_METRIC));
    max[1] = Math.max(max[1], metric(metrics, HEAP_COMMITTED_METRIC));
  }

  /**
   * The value of the first series of a gauge in Prometheus text; absent is an error, since a
   * renamed metric must not turn into a reported zero.
   */
  static double metric(String prometheusText, String name) {
    for (String line : prometheusText.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
      }
    }
    throw new IllegalStateException("/metrics of freshet run has no " + name);
  }

  /** A {@code kB} field of {@code /proc/<pid>/status}, in bytes. */
  static double kib(String procStatus, String field) {
    for (String line : procStatus.split("\n")) {
      if (line.startsWith(field + ":")) {
        String value = line.substring(field.length() + 1).trim();
        return 1024.0 * Long.parseLong(value.substring(0, value.indexOf(' ')).trim());
      }
    }
    throw new IllegalStateException("/proc status has no " + field);
  }

  // ---------------------------------------------------------------- result

  private ScenarioResult result(
      BenchContext context, int keys, List<Measured> measured, DemoMemory demo) {
    ScenarioResult.Builder result =
        new ScenarioResult.Builder(name(), context.options().quick())
            .parameter("keys", keys)
            .parameter("parallelism", context.flink().parallelism())
            .parameter("demo_seconds", demo.seconds())
            .parameter("demo_rate_per_topic", PRODUCTION.demoRate());
    ResultTable.Builder table =
        ResultTable.titled(
            "state per key (full checkpoint once every key's output was committed)",
            "state of",
            "backend",
            "keys",
            "state bytes",
            "bytes/key",
            "checkpointed bytes",
            "checkpoint ms",
            "heap growth/key (approx.)");
    for (Measured m : measured) {
      String kind = m.keyKind();
      String backend = m.backend().flinkName();
      result.figure(kind + "_in_state_" + backend, m.keysWithOutput());
      if (kind.equals("customers")) {
        result.figure(
            m.backend() == StateBackendKind.HEAP
                ? Figures.CUSTOMER_STATE_BYTES_HEAP
                : Figures.CUSTOMER_STATE_BYTES_ROCKSDB,
            m.bytesPerKey());
        result.figure(
            m.backend() == StateBackendKind.HEAP
                ? Figures.CHECKPOINT_BYTES_HEAP
                : Figures.CHECKPOINT_BYTES_ROCKSDB,
            m.checkpointedSize());
        result.figure(
            m.backend() == StateBackendKind.HEAP
                ? Figures.CHECKPOINT_MS_HEAP
                : Figures.CHECKPOINT_MS_ROCKSDB,
            m.checkpointMillis());
        if (m.backend() == StateBackendKind.HEAP) {
          result.figure(Figures.CUSTOMER_HEAP_BYTES_MEASURED, m.heapBytesPerKey());
        }
      } else {
        result.figure(
            m.backend() == StateBackendKind.HEAP
                ? Figures.DEVICE_STATE_BYTES_HEAP
                : Figures.DEVICE_STATE_BYTES_ROCKSDB,
            m.bytesPerKey());
        result.figure("device_checkpoint_bytes_" + backend, m.checkpointedSize());
        result.figure("device_checkpoint_ms_" + backend, m.checkpointMillis());
      }
      table.row(
          kind,
          backend,
          String.format("%,d", m.keys()),
          String.format("%,d", m.stateSize()),
          String.format("%.1f", m.bytesPerKey()),
          String.format("%,d", m.checkpointedSize()),
          String.format("%,d", m.checkpointMillis()),
          Double.isNaN(m.heapBytesPerKey()) ? "n/a" : String.format("%.0f", m.heapBytesPerKey()));
    }
    result.figure(Figures.DEMO_HEAP_USED_MAX, demo.heapUsedMax());
    result.figure("demo_heap_committed_max_bytes", demo.heapCommittedMax());
    if (demo.procAvailable()) {
      // Without /proc there is no RSS; NaN figures would not survive the JSON round trip.
      result.figure(Figures.DEMO_RSS_MAX, demo.rssMax());
      result.figure("demo_rss_high_water_bytes", demo.rssHighWater());
    }
    result.table(table.build());
    result.table(
        ResultTable.titled(
                "freshet run (" + FreshetRunProcess.MAX_HEAP + ", demo traffic) memory",
                "sampled s",
                "RSS samples",
                "scrapes",
                "heap used max MiB",
                "heap committed max MiB",
                "RSS max MiB",
                "VmHWM MiB")
            .row(
                String.format("%.0f", demo.seconds()),
                Integer.toString(demo.rssSamples()),
                Integer.toString(demo.scrapes()),
                mib(demo.heapUsedMax()),
                mib(demo.heapCommittedMax()),
                mib(demo.rssMax()),
                mib(demo.rssHighWater()))
            .build());
    Measured customersHeap = measured.get(0);
    result
        .note(
            "bytes/key = state size of a full checkpoint / keys; it includes the few KB of"
                + " operator state (source offsets, sink transactions), negligible at 1M keys")
        .note(
            "customers: one valid transaction each; what stays per idle customer (for 30 days of"
                + " event time) is its CustomerHistory (one retained transaction, one event id,"
                + " last location, alert times), the cleanup-timer ValueState and one event-time"
                + " timer. Target <= "
                + (int) TARGET_CUSTOMER_BYTES
                + " B/customer: heap backend "
                + String.format("%.0f", customersHeap.bytesPerKey())
                + " B checkpointed")
        .note(
            "devices: one reading each, then one reading per partition from bench-clock-N devices"
                + " far enough in event time that every device window closed and its 5 min"
                + " allowed lateness passed before the checkpoint; the 5 s pane windows and the"
                + " 1 min stddev panes/revisions are purged by then, so what remains per device is"
                + " the anomaly baseline (ValueState<EwmaBaseline>, which carries its"
                + " AnomalyConfig). The clock devices' open panes are in the state size")
        .note(
            "heap growth/key (customers only, the scenario's first job): used heap after two"
                + " System.gc() with every key in state minus the same before loading, over keys;"
                + " approximate, it counts every object the run added, e.g. Kafka client buffers"
                + " (tens of MB: noise at 5,000 keys, a few percent at 1,000,000)")
        .note(
            "RocksDB: the measured checkpoint is a triggered full one (so checkpointed = state"
                + " size); periodic checkpoints of that backend are incremental and upload only new"
                + " SST files. Its size is that of the SST files: state deleted since the last"
                + " compaction (the purged device windows) is still in them with its tombstones,"
                + " so short-lived state costs more there than on the heap backend")
        .note(
            "demo: whole freshet run process (embedded broker, MiniCluster with three jobs, HTTP,"
                + " DuckDB store) after /api/health answered 200: RSS from /proc/<pid>/status once a"
                + " second (VmHWM is the peak since start-up), heap from "
                + HEAP_USED_METRIC
                + " on /metrics every "
                + SCRAPE_INTERVAL.toSeconds()
                + " s (Freshet registers no Prometheus JVM collector; Flink's gauge reads the"
                + " process's MemoryMXBean). Target: heap under "
                + mib(TARGET_DEMO_HEAP_BYTES)
                + " MiB; max used "
                + mib(demo.heapUsedMax())
                + " MiB, max committed "
                + mib(demo.heapCommittedMax())
                + " MiB");
    if (!demo.procAvailable()) {
      result.note("no /proc/<pid>/status on this system: RSS not measured");
    }
    return result.build();
  }

  private static String mib(double bytes) {
    return Double.isNaN(bytes) ? "n/a" : String.format("%.0f", bytes / (1024 * 1024));
  }
}
