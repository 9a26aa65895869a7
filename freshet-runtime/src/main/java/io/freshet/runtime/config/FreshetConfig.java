package io.freshet.runtime.config;

import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.plugin.PipelineContext;
import io.freshet.pipelines.plugin.PipelineSettings;
import io.freshet.pipelines.plugin.Setting;
import io.freshet.runtime.flink.ManagedMemory;
import io.freshet.runtime.flink.StateBackendKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code freshet run} needs to start, typed and validated: the platform's own options,
 * which pipelines run and the values of their settings. Built with {@link #builder()}, whose fields
 * hold the one copy of the platform defaults; each pipeline's defaults live with its settings.
 */
public final class FreshetConfig {
  /** Loopback: nothing outside this machine reaches the API unless the user says so. */
  public static final String DEFAULT_HTTP_HOST = "127.0.0.1";

  private final Path dataDir;
  private final Optional<String> bootstrapServers;
  private final Map<String, String> kafkaConfig;
  private final Optional<String> jobManager;
  private final int kafkaPort;
  private final int controllerPort;
  private final String httpHost;
  private final int httpPort;
  private final int flinkPort;
  private final Optional<String> apiToken;
  private final boolean demo;
  private final int demoRate;
  private final int parallelism;
  private final Duration checkpointInterval;
  private final Duration maxOutOfOrderness;
  private final Duration sourceIdleness;
  private final Map<String, Duration> latencySlaOverrides;
  private final StateBackendKind stateBackend;
  private final ManagedMemory managedMemory;
  private final PipelineCatalog catalog;
  private final List<String> selectedPipelines;
  private final PipelineSettings settings;

  private FreshetConfig(Builder b) {
    this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir");
    this.bootstrapServers = Objects.requireNonNull(b.bootstrapServers, "bootstrapServers");
    this.kafkaConfig = Map.copyOf(b.kafkaConfig);
    this.jobManager = Objects.requireNonNull(b.jobManager, "jobManager");
    this.kafkaPort = b.kafkaPort;
    this.controllerPort = b.controllerPort;
    this.httpHost = Objects.requireNonNull(b.httpHost, "httpHost");
    this.httpPort = b.httpPort;
    this.flinkPort = b.flinkPort;
    this.apiToken = Objects.requireNonNull(b.apiToken, "apiToken");
    this.demo = b.demo;
    this.demoRate = b.demoRate;
    this.parallelism = b.parallelism;
    this.checkpointInterval = Objects.requireNonNull(b.checkpointInterval, "checkpointInterval");
    this.maxOutOfOrderness = Objects.requireNonNull(b.maxOutOfOrderness, "maxOutOfOrderness");
    this.sourceIdleness = Objects.requireNonNull(b.sourceIdleness, "sourceIdleness");
    this.latencySlaOverrides = Map.copyOf(b.latencySlaOverrides);
    this.stateBackend = Objects.requireNonNull(b.stateBackend, "stateBackend");
    this.managedMemory = Objects.requireNonNull(b.managedMemory, "managedMemory");
    this.catalog = Objects.requireNonNull(b.catalog, "catalog");
    this.selectedPipelines = List.copyOf(b.selectedPipelines);
    this.settings = Objects.requireNonNull(b.settings, "settings");
  }

  /** The documented defaults: embedded Kafka on 9092, HTTP on 8080, ./freshet-data, demo on. */
  public static FreshetConfig defaults() {
    return builder().build();
  }

  /** A builder holding the documented defaults and every registered pipeline. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.dataDir = dataDir;
    b.bootstrapServers = bootstrapServers;
    b.kafkaConfig = new LinkedHashMap<>(kafkaConfig);
    b.jobManager = jobManager;
    b.kafkaPort = kafkaPort;
    b.controllerPort = controllerPort;
    b.httpHost = httpHost;
    b.httpPort = httpPort;
    b.flinkPort = flinkPort;
    b.apiToken = apiToken;
    b.demo = demo;
    b.demoRate = demoRate;
    b.parallelism = parallelism;
    b.checkpointInterval = checkpointInterval;
    b.maxOutOfOrderness = maxOutOfOrderness;
    b.sourceIdleness = sourceIdleness;
    b.latencySlaOverrides = new LinkedHashMap<>(latencySlaOverrides);
    b.stateBackend = stateBackend;
    b.managedMemory = managedMemory;
    b.catalog = catalog;
    b.selectedPipelines = new ArrayList<>(selectedPipelines);
    b.settings = settings;
    return b;
  }

  /** Kafka log dirs and Flink checkpoints live under it. */
  public Path dataDir() {
    return dataDir;
  }

  /** An external Kafka cluster, or empty to start the embedded broker. */
  public Optional<String> bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * Client properties every Kafka client gets (TLS, SASL), from {@code --kafka-config}; empty by
   * default.
   */
  public Map<String, String> kafkaConfig() {
    return kafkaConfig;
  }

  /**
   * The REST address ({@code HOST:PORT}) of a Flink session cluster's JobManager the pipelines'
   * jobs were submitted to, or empty to run them in an embedded MiniCluster.
   */
  public Optional<String> jobManager() {
    return jobManager;
  }

  /** The embedded broker's client port. */
  public int kafkaPort() {
    return kafkaPort;
  }

  /** The embedded broker's KRaft controller port. */
  public int controllerPort() {
    return controllerPort;
  }

  /**
   * The address Freshet's HTTP API listens on: loopback unless told otherwise, since it serves
   * writes, SQL and dead-letter replay.
   */
  public String httpHost() {
    return httpHost;
  }

  /** Freshet's HTTP API port. */
  public int httpPort() {
    return httpPort;
  }

  /** The port of the embedded Flink cluster's REST API and web UI, on loopback. */
  public int flinkPort() {
    return flinkPort;
  }

  /**
   * The bearer token writes over HTTP must present; empty means writes are refused (safe by
   * default: nothing can append events or replay dead letters until a token is set).
   */
  public Optional<String> apiToken() {
    return apiToken;
  }

  /** Whether to generate demo traffic. */
  public boolean demo() {
    return demo;
  }

  /** Demo events per second, per input topic. */
  public int demoRate() {
    return demoRate;
  }

  /** Parallelism of every Flink job. */
  public int parallelism() {
    return parallelism;
  }

  /**
   * How often a job with work (records read or written since its last checkpoint) is checkpointed,
   * which is also how often its exactly-once output becomes visible to read_committed consumers; an
   * idle job is checkpointed every {@code FlinkSettings.IDLE_CHECKPOINT_INTERVAL}.
   */
  public Duration checkpointInterval() {
    return checkpointInterval;
  }

  /** Bound of the watermarks' out-of-orderness. */
  public Duration maxOutOfOrderness() {
    return maxOutOfOrderness;
  }

  /** A partition silent this long stops holding back the watermark. */
  public Duration sourceIdleness() {
    return sourceIdleness;
  }

  /**
   * Where Flink keeps keyed state: RocksDB (default) with incremental checkpoints, whose cost is
   * what changed since the last one; the heap is faster per event but snapshots every key at every
   * checkpoint (docs/benchmarks.md, issue 11).
   */
  public StateBackendKind stateBackend() {
    return stateBackend;
  }

  /** The embedded TaskManager's memory for RocksDB, shared evenly by the jobs' slots. */
  public ManagedMemory managedMemory() {
    return managedMemory;
  }

  /** The pipelines that run: the selected ones of the catalog, or all of them. */
  public PipelineCatalog pipelines() {
    return catalog.select(selectedPipelines);
  }

  /** The values given for the pipelines' settings. */
  public PipelineSettings settings() {
    return settings;
  }

  /** The value of a pipeline setting: the one given, or its default. */
  public <T> T setting(Setting<T> setting) {
    return settings.get(setting);
  }

  /** End-to-end latency SLA per running pipeline: its own, unless overridden. */
  public Map<String, Duration> latencySlas() {
    Map<String, Duration> slas = new LinkedHashMap<>(pipelines().latencySlas());
    latencySlaOverrides.forEach(
        (pipeline, sla) -> {
          if (slas.containsKey(pipeline)) {
            slas.put(pipeline, sla);
          }
        });
    return slas;
  }

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
   * Checks every setting, the platform's and the running pipelines', and reports all problems at
   * once.
   *
   * @throws InvalidConfigException naming each bad setting and what is allowed
   */
  public FreshetConfig validate() {
    return validate(Optional.empty());
  }

  /**
   * Like {@link #validate()}, and checks that the serving store at {@code storeUrl} suits where the
   * jobs run: with {@code --jobmanager} their sinks write from the cluster's TaskManagers, so a
   * DuckDB file, which one process holds, cannot be it.
   *
   * @throws InvalidConfigException naming each bad setting and what is allowed
   */
  public FreshetConfig validate(String storeUrl) {
    return validate(Optional.of(storeUrl));
  }

  private FreshetConfig validate(Optional<String> storeUrl) {
    List<String> problems = new ArrayList<>();
    if (jobManager.isPresent()) {
      if (!jobManager.get().trim().matches("[^:/\\s]+:\\d{1,5}")) {
        problems.add(
            "--jobmanager '"
                + jobManager.get()
                + "' is not HOST:PORT of the JobManager's REST API (e.g. localhost:8081)");
      }
      if (embeddedKafka()) {
        problems.add(
            "--jobmanager needs --bootstrap-servers: the cluster's jobs read and write that Kafka,"
                + " and cannot reach a broker embedded in this process");
      }
      storeUrl
          .filter(url -> url.startsWith("jdbc:duckdb:"))
          .ifPresent(
              url ->
                  problems.add(
                      "--jobmanager needs a serving store the cluster's TaskManagers can write"
                          + " too, and a DuckDB file ("
                          + url
                          + ") is held by one process: pass --store"
                          + " jdbc:postgresql://HOST:PORT/DB?user=...&password=..., the one the"
                          + " jobs were submitted with"));
    }
    port(problems, "--http-port", httpPort);
    port(problems, "--flink-port", flinkPort);
    // With --jobmanager no MiniCluster binds --flink-port.
    if (jobManager.isEmpty() && httpPort != 0 && httpPort == flinkPort) {
      problems.add("--http-port and --flink-port must differ, both are " + httpPort);
    }
    if (embeddedKafka() && !kafkaConfig.isEmpty()) {
      problems.add(
          "--kafka-config is for an external cluster: add --bootstrap-servers (the embedded broker"
              + " listens in plain text on loopback)");
    }
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
    if (apiToken.isPresent() && apiToken.get().length() < 8) {
      problems.add("--api-token must have at least 8 characters");
    }
    httpHostProblem().ifPresent(problems::add);
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
    PipelineCatalog running;
    try {
      running = pipelines();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      throw new InvalidConfigException(problems);
    }
    if (running.pipelines().isEmpty()) {
      problems.add("--pipelines selects no pipeline; registered: " + catalog.names());
    }
    latencySlaOverrides.forEach(
        (pipeline, sla) -> {
          if (catalog.byName(pipeline).isEmpty()) {
            problems.add(
                "--latency-sla names unknown pipeline '"
                    + pipeline
                    + "'; known: "
                    + String.join(", ", catalog.names()));
          } else if (sla.isNegative() || sla.isZero()) {
            problems.add("--latency-sla " + pipeline + " must be positive, was " + sla);
          }
        });
    problems.addAll(settings.problems(running.settings()));
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return this;
  }

  /** Why {@link #httpHost} cannot be used, if it cannot: unknown, or open without a token. */
  private Optional<String> httpHostProblem() {
    InetAddress address;
    try {
      address = InetAddress.getByName(httpHost);
    } catch (UnknownHostException e) {
      return Optional.of("--http-host '" + httpHost + "' is not a known host or address");
    }
    if (!address.isLoopbackAddress() && apiToken.isEmpty()) {
      return Optional.of(
          "--http-host "
              + httpHost
              + " is reachable from other machines, and without a token anyone there could"
              + " append events, run SQL and replay dead letters: add --api-token TOKEN (at least"
              + " 8 characters), or leave --http-host at "
              + DEFAULT_HTTP_HOST);
    }
    return Optional.empty();
  }

  private static void port(List<String> problems, String option, int port) {
    if (port < 0 || port > 65535) {
      problems.add(option + " must be a TCP port between 0 and 65535, was " + port);
    }
  }

  /** Builds a {@link FreshetConfig}; its initial values are the documented defaults. */
  public static final class Builder {
    private Path dataDir = Path.of("freshet-data");
    private Optional<String> bootstrapServers = Optional.empty();
    private Map<String, String> kafkaConfig = new LinkedHashMap<>();
    private Optional<String> jobManager = Optional.empty();
    private int kafkaPort = 9092;
    private int controllerPort = 9093;
    private String httpHost = DEFAULT_HTTP_HOST;
    private int httpPort = 8080;
    private int flinkPort = 8081;
    private Optional<String> apiToken = Optional.empty();
    private boolean demo = true;
    private int demoRate = 100;
    private int parallelism = 2;
    private Duration checkpointInterval = Duration.ofSeconds(1);
    private Duration maxOutOfOrderness = PipelineContext.DEFAULT_MAX_OUT_OF_ORDERNESS;
    private Duration sourceIdleness = PipelineContext.DEFAULT_SOURCE_IDLENESS;
    private Map<String, Duration> latencySlaOverrides = new LinkedHashMap<>();
    private StateBackendKind stateBackend = StateBackendKind.DEFAULT;
    private ManagedMemory managedMemory = ManagedMemory.DEFAULT;
    private PipelineCatalog catalog;
    private List<String> selectedPipelines = new ArrayList<>();
    private PipelineSettings settings = PipelineSettings.defaults();

    private Builder() {}

    public Builder dataDir(Path value) {
      dataDir = value;
      return this;
    }

    /** An external cluster; blank or null means the embedded broker. */
    public Builder bootstrapServers(String value) {
      bootstrapServers = Optional.ofNullable(value).filter(s -> !s.isBlank());
      return this;
    }

    /** Client properties for every Kafka client (TLS, SASL). */
    public Builder kafkaConfig(Map<String, String> value) {
      kafkaConfig = new LinkedHashMap<>(value);
      return this;
    }

    /** A Flink session cluster's JobManager, {@code HOST:PORT}; blank or null means embedded. */
    public Builder jobManager(String value) {
      jobManager = Optional.ofNullable(value).filter(s -> !s.isBlank());
      return this;
    }

    public Builder kafkaPort(int value) {
      kafkaPort = value;
      return this;
    }

    public Builder controllerPort(int value) {
      controllerPort = value;
      return this;
    }

    public Builder httpHost(String value) {
      httpHost = value;
      return this;
    }

    public Builder httpPort(int value) {
      httpPort = value;
      return this;
    }

    public Builder flinkPort(int value) {
      flinkPort = value;
      return this;
    }

    /** The bearer token for HTTP writes; blank or null leaves writes disabled. */
    public Builder apiToken(String value) {
      apiToken = Optional.ofNullable(value).filter(s -> !s.isBlank());
      return this;
    }

    public Builder demo(boolean value) {
      demo = value;
      return this;
    }

    public Builder demoRate(int value) {
      demoRate = value;
      return this;
    }

    public Builder parallelism(int value) {
      parallelism = value;
      return this;
    }

    public Builder checkpointInterval(Duration value) {
      checkpointInterval = value;
      return this;
    }

    public Builder maxOutOfOrderness(Duration value) {
      maxOutOfOrderness = value;
      return this;
    }

    public Builder sourceIdleness(Duration value) {
      sourceIdleness = value;
      return this;
    }

    /** Overrides the latency SLA a pipeline declares. */
    public Builder latencySla(String pipeline, Duration sla) {
      latencySlaOverrides.put(pipeline, sla);
      return this;
    }

    public Builder stateBackend(StateBackendKind value) {
      stateBackend = value;
      return this;
    }

    public Builder managedMemory(ManagedMemory value) {
      managedMemory = value;
      return this;
    }

    /** The pipelines to choose from; by default the registered ones. */
    public Builder catalog(PipelineCatalog value) {
      catalog = value;
      return this;
    }

    /** Runs only these pipelines (names or aliases); none given runs all of the catalog. */
    public Builder pipelines(List<String> names) {
      selectedPipelines = new ArrayList<>(names);
      return this;
    }

    /** Replaces every given pipeline setting value with {@code values}. */
    public Builder settings(PipelineSettings values) {
      settings = values;
      return this;
    }

    /** Gives a pipeline setting a value. */
    public <T> Builder setting(Setting<T> setting, T value) {
      settings = settings.with(setting, value);
      return this;
    }

    public FreshetConfig build() {
      if (catalog == null) {
        catalog = PipelineCatalog.discovered();
      }
      return new FreshetConfig(this);
    }
  }
}
