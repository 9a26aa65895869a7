package io.freshet.cli;

import io.freshet.core.iot.AnomalyConfig;
import io.freshet.core.iot.SensorLimit;
import io.freshet.core.iot.SensorThresholds;
import io.freshet.core.iot.SensorType;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.runtime.flink.StateBackendKind;
import io.freshet.serving.ServingStore;
import io.freshet.serving.SqlDialect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code freshet run}: the embedded platform with the pipelines and, by default, demo traffic. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Start Kafka (embedded KRaft broker unless --bootstrap-servers), the Flink pipelines,"
            + " the HTTP API and demo traffic, in one process. Stops cleanly on Ctrl-C/SIGTERM.")
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

  @Option(names = "--kafka-port", description = "Embedded broker port (default: ${DEFAULT-VALUE}).")
  int kafkaPort = DEFAULTS.kafkaPort();

  @Option(
      names = "--controller-port",
      description = "Embedded KRaft controller port (default: ${DEFAULT-VALUE}).")
  int controllerPort = DEFAULTS.controllerPort();

  @Option(names = "--http-port", description = "HTTP API port (default: ${DEFAULT-VALUE}).")
  int httpPort = DEFAULTS.httpPort();

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
      description = "Flink checkpoint interval, e.g. 1s (default: 1s).")
  Duration checkpointInterval = DEFAULTS.checkpointInterval();

  @Option(
      names = "--state-backend",
      description =
          "Where Flink keeps keyed state: ${COMPLETION-CANDIDATES} (default: heap, fastest;"
              + " rocksdb keeps state off-heap with incremental checkpoints for millions of keys).")
  StateBackendKind stateBackend = DEFAULTS.stateBackend();

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
      names = "--allowed-lateness",
      converter = DurationConverter.class,
      description = "How long after a window ends a late event still revises it (default: 5m).")
  Duration allowedLateness = DEFAULTS.allowedLateness();

  @Option(
      names = "--anomaly-z",
      description = "IoT anomaly when |z| of a 5 s mean exceeds this (default: 3.0).")
  double anomalyZ = DEFAULTS.anomalies().zThreshold();

  @Option(
      names = "--anomaly-half-life",
      description = "Half-life of the IoT baseline, in 5 s windows (default: 12).")
  double anomalyHalfLife = DEFAULTS.anomalies().halfLifeWindows();

  @Option(
      names = "--anomaly-warm-up",
      description = "5 s windows a device's baseline needs before it is scored (default: 12).")
  int anomalyWarmUp = DEFAULTS.anomalies().warmUpWindows();

  @Option(
      names = "--sensor-limit",
      paramLabel = "TYPE=MAX",
      description =
          "Threshold-alert limit of a sensor type, repeatable (defaults: temperature=90,"
              + " pressure=10, vibration=20, humidity=95, power=500).")
  Map<String, Double> sensorLimit = new LinkedHashMap<>();

  AnomalyConfig anomalies() {
    return new AnomalyConfig(
        anomalyHalfLife, anomalyWarmUp, anomalyZ, DEFAULTS.anomalies().minStdDev());
  }

  SensorThresholds sensorLimits() {
    SensorThresholds limits = DEFAULTS.sensorLimits();
    for (Map.Entry<String, Double> e : sensorLimit.entrySet()) {
      SensorType type =
          SensorType.fromWireName(e.getKey())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--sensor-limit: unknown sensor type '"
                              + e.getKey()
                              + "'; expected temperature, pressure, vibration, humidity or"
                              + " power"));
      limits = limits.with(type, SensorLimit.atMost(e.getValue()));
    }
    return limits;
  }

  @Option(
      names = "--latency-sla",
      paramLabel = "PIPELINE=DURATION",
      description =
          "End-to-end latency SLA of a pipeline for the alert rules, repeatable"
              + " (defaults: fraud-detection=100ms, iot-monitoring=3s, clickstream=60s).")
  Map<String, String> latencySla = new LinkedHashMap<>();

  Map<String, Duration> latencySlas() {
    Map<String, Duration> slas = new LinkedHashMap<>(FreshetConfig.DEFAULT_LATENCY_SLAS);
    DurationConverter durations = new DurationConverter();
    latencySla.forEach((pipeline, d) -> slas.put(pipeline, durations.convert(d)));
    return slas;
  }

  @Override
  public Integer call() throws Exception {
    FreshetConfig config;
    String storeUrl;
    try {
      config =
          new FreshetConfig(
                  dataDir,
                  Optional.ofNullable(bootstrapServers).filter(s -> !s.isBlank()),
                  kafkaPort,
                  controllerPort,
                  httpPort,
                  demo,
                  rate,
                  parallelism,
                  checkpointInterval,
                  maxOutOfOrderness,
                  sourceIdleness,
                  DEFAULTS.fraudRules(),
                  latencySlas(),
                  allowedLateness,
                  anomalies(),
                  sensorLimits(),
                  stateBackend)
              .validate();
      storeUrl = store == null ? ServingStore.defaultUrl(config.dataDir()) : store;
      SqlDialect.forUrl(storeUrl);
    } catch (IllegalArgumentException | picocli.CommandLine.TypeConversionException e) {
      // Both an InvalidConfigException and an unsupported store URL are IllegalArgumentExceptions.
      System.err.println(e.getMessage());
      return 2;
    }
    System.setProperty("freshet.log.dir", config.dataDir().resolve("logs").toString());
    CountDownLatch stopped = new CountDownLatch(1);
    FreshetPlatform platform = FreshetPlatform.start(config, storeUrl, System.out::println);
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
