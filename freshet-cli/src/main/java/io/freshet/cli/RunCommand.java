package io.freshet.cli;

import io.freshet.pipelines.plugin.PipelineSettings;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.runtime.flink.FlinkUnavailableException;
import io.freshet.runtime.flink.ManagedMemory;
import io.freshet.runtime.flink.StateBackendKind;
import io.freshet.serving.ServingStore;
import io.freshet.serving.SqlDialect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code freshet run}: the embedded platform with the pipelines and, by default, demo traffic. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    modelTransformer = PipelineOptions.class,
    description =
        "Start Kafka (embedded KRaft broker unless --bootstrap-servers), the Flink pipelines"
            + " (embedded, unless --jobmanager names a cluster running them), the HTTP API and"
            + " demo traffic, in one process. Stops cleanly on Ctrl-C/SIGTERM.")
public final class RunCommand implements Callable<Integer> {
  private static final FreshetConfig DEFAULTS = FreshetConfig.defaults();

  @Option(
      names = "--data-dir",
      description = "Kafka logs and Flink checkpoints (default: ${DEFAULT-VALUE}).")
  Path dataDir = DEFAULTS.dataDir();

  @Option(
      names = "--store",
      paramLabel = "JDBC_URL",
      description =
          "Serving store: jdbc:duckdb:FILE or jdbc:postgresql://HOST:PORT/DB?user=..."
              + " (default: a DuckDB file serving.duckdb in the data dir).")
  String store;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description = "Use this external Kafka cluster instead of the embedded broker.")
  String bootstrapServers;

  @Option(
      names = "--jobmanager",
      paramLabel = "HOST:PORT",
      description =
          "REST address of a Flink session cluster's JobManager (e.g. localhost:8081) whose jobs,"
              + " submitted with 'freshet submit', this instance serves: no embedded Flink, nothing"
              + " submitted. Needs --bootstrap-servers and a PostgreSQL --store.")
  String jobManager;

  @Mixin KafkaConfigOption kafkaConfig = new KafkaConfigOption();

  @Option(names = "--kafka-port", description = "Embedded broker port (default: ${DEFAULT-VALUE}).")
  int kafkaPort = DEFAULTS.kafkaPort();

  @Option(
      names = "--controller-port",
      description = "Embedded KRaft controller port (default: ${DEFAULT-VALUE}).")
  int controllerPort = DEFAULTS.controllerPort();

  @Option(
      names = "--http-host",
      description =
          "Address the HTTP API listens on (default: ${DEFAULT-VALUE}, this machine only); any"
              + " other needs --api-token.")
  String httpHost = DEFAULTS.httpHost();

  @Option(names = "--http-port", description = "HTTP API port (default: ${DEFAULT-VALUE}).")
  int httpPort = DEFAULTS.httpPort();

  @Option(
      names = "--flink-port",
      description =
          "Port of Flink's REST API and web UI on loopback (default: ${DEFAULT-VALUE}; 0 picks a"
              + " free one).")
  int flinkPort = DEFAULTS.flinkPort();

  @Option(
      names = "--api-token",
      defaultValue = "${env:FRESHET_API_TOKEN}",
      description =
          "Bearer token that HTTP writes (decisions, dead-letter replays) must present; without"
              + " one they are refused. Also read from FRESHET_API_TOKEN.")
  String apiToken;

  @Option(
      names = "--demo",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Generate demo traffic (default: on; --no-demo turns it off).")
  boolean demo;

  @Option(names = "--rate", description = "Demo events per second (default: ${DEFAULT-VALUE}).")
  int rate = DEFAULTS.demoRate();

  @Option(names = "--parallelism", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
  int parallelism = DEFAULTS.parallelism();

  @Option(
      names = "--checkpoint-interval",
      converter = DurationConverter.class,
      description =
          "Flink checkpoint interval, e.g. 1s (default: 1s): how often a job that read or"
              + " wrote anything is checkpointed, i.e. how soon its exactly-once output becomes"
              + " visible; a job with nothing to do is checkpointed once a minute.")
  Duration checkpointInterval = DEFAULTS.checkpointInterval();

  @Option(
      names = "--state-backend",
      description =
          "Where Flink keeps keyed state: ${COMPLETION-CANDIDATES} (default: rocksdb, off-heap with"
              + " incremental checkpoints, for millions of keys; heap is faster per event but"
              + " snapshots all state at every checkpoint).")
  StateBackendKind stateBackend = DEFAULTS.stateBackend();

  @Option(
      names = "--managed-memory",
      paramLabel = "SIZE",
      description =
          "Off-heap memory of Flink's TaskManager for RocksDB's block cache and write buffers,"
              + " shared evenly by the jobs, e.g. 512m or 4g (default: ${DEFAULT-VALUE}); allocated"
              + " as it fills. Give more when state outgrows it: RocksDB then reads from files.")
  String managedMemory = DEFAULTS.managedMemory().toString();

  @Option(
      names = "--max-out-of-orderness",
      converter = DurationConverter.class,
      description = "Watermark out-of-orderness bound (default: 10s).")
  Duration maxOutOfOrderness = DEFAULTS.maxOutOfOrderness();

  @Option(
      names = "--source-idleness",
      converter = DurationConverter.class,
      description = "A silent partition stops holding back watermarks after this (default: 30s).")
  Duration sourceIdleness = DEFAULTS.sourceIdleness();

  @Option(
      names = "--latency-sla",
      paramLabel = "PIPELINE=DURATION",
      description =
          "End-to-end latency SLA of a pipeline for the alert rules, repeatable (defaults: each"
              + " pipeline's own, e.g. fraud-detection=100ms, iot-monitoring=3s,"
              + " clickstream=60s).")
  Map<String, String> latencySla = new LinkedHashMap<>();

  @Option(
      names = "--pipelines",
      split = ",",
      paramLabel = "NAME",
      description = "Run only these pipelines (default: all of ${COMPLETION-CANDIDATES}).",
      completionCandidates = PipelineOptions.Names.class)
  List<String> pipelines = new ArrayList<>();

  @Spec CommandSpec spec;

  /** The latency SLAs: every running pipeline's own, with the ones given on the command line. */
  Map<String, Duration> latencySlas() {
    return config().latencySlas();
  }

  /** The values of the pipelines' settings given on the command line. */
  PipelineSettings settings() {
    return PipelineOptions.values(spec);
  }

  /** The configuration the options describe, not yet validated. */
  FreshetConfig config() {
    FreshetConfig.Builder config =
        FreshetConfig.builder()
            .dataDir(dataDir)
            .bootstrapServers(bootstrapServers)
            .jobManager(jobManager)
            .kafkaConfig(kafkaConfig.properties())
            .kafkaPort(kafkaPort)
            .controllerPort(controllerPort)
            .httpHost(httpHost)
            .httpPort(httpPort)
            .flinkPort(flinkPort)
            .apiToken(apiToken)
            .demo(demo)
            .demoRate(rate)
            .parallelism(parallelism)
            .checkpointInterval(checkpointInterval)
            .maxOutOfOrderness(maxOutOfOrderness)
            .sourceIdleness(sourceIdleness)
            .stateBackend(stateBackend)
            .managedMemory(ManagedMemory.parse(managedMemory))
            .pipelines(pipelines)
            .settings(settings());
    DurationConverter durations = new DurationConverter();
    latencySla.forEach((pipeline, d) -> config.latencySla(pipeline, durations.convert(d)));
    return config.build();
  }

  @Override
  public Integer call() throws Exception {
    FreshetConfig config;
    String storeUrl;
    try {
      FreshetConfig described = config();
      storeUrl = store == null ? ServingStore.defaultUrl(described.dataDir()) : store;
      config = described.validate(storeUrl);
      SqlDialect.forUrl(storeUrl);
    } catch (IllegalArgumentException | TypeConversionException e) {
      // Both an InvalidConfigException and an unsupported store URL are IllegalArgumentExceptions.
      System.err.println(e.getMessage());
      return 2;
    }
    System.setProperty("freshet.log.dir", config.dataDir().resolve("logs").toString());
    CountDownLatch stopped = new CountDownLatch(1);
    FreshetPlatform platform;
    try {
      platform = FreshetPlatform.start(config, storeUrl, System.out::println);
    } catch (FlinkUnavailableException e) {
      // An unreachable --jobmanager: what to do is in the message, a stack trace adds nothing.
      System.err.println(e.getMessage());
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping Freshet...");
                  platform.close();
                  System.out.println("Freshet stopped.");
                  stopped.countDown();
                },
                "freshet-shutdown"));
    stopped.await();
    return 0;
  }
}
