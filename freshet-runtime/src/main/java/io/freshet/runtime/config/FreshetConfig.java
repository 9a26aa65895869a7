package io.freshet.runtime.config;

import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.iot.AnomalyConfig;
import io.freshet.core.iot.SensorThresholds;
import io.freshet.runtime.flink.StateBackendKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code freshet run} needs to start, typed and validated; {@link #defaults()} is the
 * one place defaults live.
 *
 * @param dataDir Kafka log dirs and Flink checkpoints live under it
 * @param bootstrapServers an external Kafka cluster, or empty to start the embedded broker
 * @param kafkaPort the embedded broker's client port
 * @param controllerPort the embedded broker's KRaft controller port
 * @param httpPort Freshet's HTTP API
 * @param demo whether to generate demo traffic
 * @param demoRate demo events per second
 * @param parallelism parallelism of every Flink job
 * @param checkpointInterval how often Flink checkpoints, which is also how often exactly-once
 *     output becomes visible to read_committed consumers
 * @param maxOutOfOrderness bound of the watermarks' out-of-orderness
 * @param sourceIdleness a partition silent this long stops holding back the watermark
 * @param fraudRules thresholds of the fraud rules
 * @param latencySlas end-to-end latency SLA per pipeline, exported for alert rules
 * @param allowedLateness how long after a window's end a late event still revises it
 * @param anomalies how IoT anomalies are scored (half-life, warm-up, z threshold)
 * @param sensorLimits per-sensor-type limits of the IoT threshold alerts
 * @param stateBackend where Flink keeps keyed state: heap (default) was faster on the benchmarks;
 *     RocksDB with incremental checkpoints scales past the heap (millions of customers)
 */
public record FreshetConfig(
    Path dataDir,
    Optional<String> bootstrapServers,
    int kafkaPort,
    int controllerPort,
    int httpPort,
    boolean demo,
    int demoRate,
    int parallelism,
    Duration checkpointInterval,
    Duration maxOutOfOrderness,
    Duration sourceIdleness,
    FraudRulesConfig fraudRules,
    Map<String, Duration> latencySlas,
    Duration allowedLateness,
    AnomalyConfig anomalies,
    SensorThresholds sensorLimits,
    StateBackendKind stateBackend) {

  public FreshetConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness");
    Objects.requireNonNull(sourceIdleness, "sourceIdleness");
    Objects.requireNonNull(fraudRules, "fraudRules");
    latencySlas = Map.copyOf(latencySlas);
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    Objects.requireNonNull(anomalies, "anomalies");
    Objects.requireNonNull(sensorLimits, "sensorLimits");
    Objects.requireNonNull(stateBackend, "stateBackend");
  }

  /** The documented defaults: embedded Kafka on 9092, HTTP on 8080, ./freshet-data, demo on. */
  public static FreshetConfig defaults() {
    return new FreshetConfig(
        Path.of("freshet-data"),
        Optional.empty(),
        9092,
        9093,
        8080,
        true,
        100,
        2,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        FraudRulesConfig.defaults(),
        DEFAULT_LATENCY_SLAS,
        Duration.ofMinutes(5),
        AnomalyConfig.defaults(),
        SensorThresholds.defaults(),
        StateBackendKind.HEAP);
  }

  /** SLAs of the documented pipelines: fraud decisions 100 ms, IoT alerts 3 s, analytics 60 s. */
  public static final Map<String, Duration> DEFAULT_LATENCY_SLAS =
      Map.of(
          "fraud-detection", Duration.ofMillis(100),
          "iot-monitoring", Duration.ofSeconds(3),
          "clickstream", Duration.ofSeconds(60));

  /** True when Freshet starts its own broker. */
  public boolean embeddedKafka() {
    return bootstrapServers.isEmpty();
  }

  /** Where the embedded broker keeps its log. */
  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  /** Where Flink writes checkpoints. */
  public Path checkpointDir() {
    return dataDir.resolve("flink").resolve("checkpoints");
  }

  /**
   * Checks every setting and reports all problems at once.
   *
   * @throws InvalidConfigException naming each bad setting and what is allowed
   */
  public FreshetConfig validate() {
    List<String> problems = new ArrayList<>();
    port(problems, "--http-port", httpPort);
    if (embeddedKafka()) {
      port(problems, "--kafka-port", kafkaPort);
      port(problems, "--controller-port", controllerPort);
      if (kafkaPort != 0 && kafkaPort == controllerPort) {
        problems.add("--kafka-port and --controller-port must differ, both are " + kafkaPort);
      }
    } else {
      for (String server : bootstrapServers.get().split(",")) {
        if (!server.trim().matches("[^:\\s]+:\\d{1,5}")) {
          problems.add(
              "--bootstrap-servers entry '" + server + "' is not HOST:PORT (e.g. kafka-1:9092)");
        }
      }
    }
    if (demoRate < 1 || demoRate > 1_000_000) {
      problems.add("--rate must be between 1 and 1000000 events/s, was " + demoRate);
    }
    if (parallelism < 1 || parallelism > 64) {
      problems.add("--parallelism must be between 1 and 64, was " + parallelism);
    }
    if (checkpointInterval.toMillis() < 100) {
      problems.add("--checkpoint-interval must be at least 100ms, was " + checkpointInterval);
    }
    if (maxOutOfOrderness.isNegative()) {
      problems.add("--max-out-of-orderness must not be negative, was " + maxOutOfOrderness);
    }
    if (sourceIdleness.isNegative() || sourceIdleness.isZero()) {
      problems.add("--source-idleness must be positive, was " + sourceIdleness);
    }
    if (allowedLateness.isNegative()) {
      problems.add("--allowed-lateness must not be negative, was " + allowedLateness);
    }
    latencySlas.forEach(
        (pipeline, sla) -> {
          if (sla.isNegative() || sla.isZero()) {
            problems.add("--latency-sla " + pipeline + " must be positive, was " + sla);
          }
        });
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return this;
  }

  private static void port(List<String> problems, String option, int port) {
    if (port < 0 || port > 65535) {
      problems.add(option + " must be a TCP port between 0 and 65535, was " + port);
    }
  }
}
