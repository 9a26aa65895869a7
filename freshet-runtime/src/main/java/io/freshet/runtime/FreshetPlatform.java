package io.freshet.runtime;

import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.kafka.SourceStart;
import io.freshet.pipelines.plugin.ApiContext;
import io.freshet.pipelines.plugin.DemoStream;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.IngestStream;
import io.freshet.pipelines.plugin.PipelineApi;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.plugin.PipelineContext;
import io.freshet.pipelines.plugin.StoreSinks;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.command.CommandRoutes;
import io.freshet.runtime.command.TransactionalAppender;
import io.freshet.runtime.config.ApiToken;
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.runtime.config.InstanceId;
import io.freshet.runtime.deadletter.DeadLetterRoutes;
import io.freshet.runtime.demo.PacedProducer;
import io.freshet.runtime.flink.EmbeddedFlink;
import io.freshet.runtime.flink.FlinkCluster;
import io.freshet.runtime.flink.FlinkJobSpec;
import io.freshet.runtime.flink.FlinkSettings;
import io.freshet.runtime.flink.FlinkUnavailableException;
import io.freshet.runtime.flink.RemoteFlink;
import io.freshet.runtime.http.AccessGuard;
import io.freshet.runtime.http.ComponentHealth;
import io.freshet.runtime.http.HealthReport;
import io.freshet.runtime.http.HttpServer;
import io.freshet.runtime.kafka.EmbeddedKafkaBroker;
import io.freshet.runtime.kafka.EmbeddedKafkaConfig;
import io.freshet.runtime.kafka.TopicProvisioner;
import io.freshet.runtime.metrics.CheckpointStateCollector;
import io.freshet.runtime.metrics.FlinkRestMetricsCollector;
import io.freshet.runtime.metrics.KafkaMetricsCollector;
import io.freshet.runtime.metrics.MetricsRoutes;
import io.freshet.runtime.metrics.PipelineGauges;
import io.freshet.runtime.serving.ViewRoutes;
import io.freshet.runtime.status.StatusRoutes;
import io.freshet.runtime.status.StatusService;
import io.freshet.runtime.topics.TopicRoutes;
import io.freshet.runtime.web.Dashboard;
import io.freshet.serving.ServingStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of {@code freshet run} in one process: the Kafka broker (embedded or external), the
 * topics, the Flink MiniCluster with the selected pipelines (or, with {@code --jobmanager}, a
 * session cluster's jobs, found by name), the HTTP API and the demo traffic. Everything
 * pipeline-specific comes from the pipelines' declarations ({@link FreshetPipeline}).
 */
public final class FreshetPlatform implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FreshetPlatform.class);

  /** The demo traffic seed; fixed so two demo runs look alike. */
  private static final long DEMO_SEED = 20261126L;

  /** How long a command may wait for an unreachable broker before it is answered 503. */
  private static final Duration COMMAND_APPEND_BUDGET = Duration.ofSeconds(3);

  private final FreshetConfig config;

  /** The pipelines that run; health is UP only when all of their jobs are RUNNING. */
  private final PipelineCatalog pipelines;

  private final String storeUrl;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private volatile String bootstrapServers;
  private volatile KafkaConnection kafka;
  private volatile Admin admin;
  private volatile FlinkCluster flink;
  private volatile ServingStore store;
  private volatile TransactionalAppender commands;
  private HttpServer http;

  private FreshetPlatform(FreshetConfig config, String storeUrl) {
    this.config = config;
    this.pipelines = config.pipelines();
    this.storeUrl = storeUrl;
  }

  /** Starts the platform with the default serving store, a DuckDB file in the data dir. */
  public static FreshetPlatform start(FreshetConfig config, Consumer<String> console)
      throws Exception {
    return start(config, ServingStore.defaultUrl(config.dataDir()), console);
  }

  /**
   * Starts every component in dependency order, materialising results into the serving store at
   * {@code storeUrl} (see {@link ServingStore#open}); if one fails, those already started are
   * stopped and the failure is rethrown.
   */
  public static FreshetPlatform start(
      FreshetConfig config, String storeUrl, Consumer<String> console) throws Exception {
    FreshetPlatform platform = new FreshetPlatform(config.validate(storeUrl), storeUrl);
    try {
      platform.startAll(console);
      return platform;
    } catch (Exception | Error e) {
      platform.close();
      throw e;
    }
  }

  private void startAll(Consumer<String> console) throws Exception {
    long begin = System.nanoTime();
    // Before anything binds a port: a JobManager that does not answer is a typo or a cluster not
    // up, and the user should hear so at once rather than find every job NOT_SUBMITTED.
    Optional<RemoteFlink> remote = config.jobManager().map(RemoteFlink::connect);
    Files.createDirectories(config.dataDir());
    PrometheusRegistry registry = PrometheusRegistry.defaultRegistry;
    StatusService status = new StatusService(this::health, registry);
    ApiToken token = ApiToken.resolve(config.apiToken(), config.dataDir());
    AccessGuard guard = AccessGuard.forHost(config.httpHost(), Optional.of(token.value()));
    Dashboard dashboard = new Dashboard(pipelines.pipelines(), status, this::flinkUi, guard);
    started.push(dashboard);
    List<IngestStream<?>> ingest =
        pipelines.pipelines().stream().flatMap(p -> p.ingestStreams().stream()).toList();
    http =
        HttpServer.start(
            config.httpHost(),
            config.httpPort(),
            this::health,
            List.of(
                new MetricsRoutes(registry),
                new DeadLetterRoutes(
                    () -> kafka,
                    pipelines.deadLetterTopics(TopicNaming.PRODUCTION).stream()
                        .map(TopicDescriptor::name)
                        .toList()),
                new StatusRoutes(status),
                new ViewRoutes(() -> store),
                new CommandRoutes(ingest, TopicNaming.PRODUCTION, () -> commands),
                new TopicRoutes(() -> kafka, () -> admin),
                dashboard.routes()),
            guard);
    started.push(http);
    PipelineGauges gauges = new PipelineGauges(config.latencySlas(), config.checkpointInterval());
    registry.register(gauges);
    started.push(() -> registry.unregister(gauges));

    if (config.embeddedKafka()) {
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(
              EmbeddedKafkaConfig.defaults(config.kafkaDir())
                  .withPorts(config.kafkaPort(), config.controllerPort()));
      started.push(broker);
      broker.start();
      bootstrapServers = broker.bootstrapServers();
    } else {
      bootstrapServers = config.bootstrapServers().orElseThrow();
    }
    KafkaConnection connection =
        new KafkaConnection(bootstrapServers, SourceStart.COMMITTED, config.kafkaConfig());
    kafka = connection;
    Properties adminProps = connection.clientProperties();
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "freshet-admin");
    admin = Admin.create(adminProps);
    started.push(admin);
    TransactionalAppender appender =
        new TransactionalAppender(
            connection,
            "freshet-commands-" + InstanceId.of(config.dataDir()),
            COMMAND_APPEND_BUDGET);
    started.push(
        () -> {
          commands = null;
          appender.close();
        });
    commands = appender;
    int brokers = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
    List<TopicDescriptor<?, ?>> topics = pipelines.topics(TopicNaming.PRODUCTION);
    List<String> created = new TopicProvisioner(admin, (short) Math.min(3, brokers)).ensure(topics);
    LOG.info("Topics ready; created {}", created);
    dashboard.streamFeeds(connection, TopicNaming.PRODUCTION);
    KafkaMetricsCollector kafkaMetrics =
        new KafkaMetricsCollector(
            admin, connection, topics.stream().map(TopicDescriptor::name).toList());
    started.push(kafkaMetrics);
    registry.register(kafkaMetrics);
    started.push(() -> registry.unregister(kafkaMetrics));

    // Opened before the jobs so their sinks find the schema in place.
    ServingStore openedStore = ServingStore.open(storeUrl, pipelines.tables());
    store = openedStore;
    started.push(
        () -> {
          // The HTTP server outlives the store on shutdown: it answers 503 rather than query a
          // closed store.
          store = null;
          openedStore.close();
        });

    PipelineContext context =
        new PipelineContext(
            connection,
            TopicNaming.PRODUCTION,
            StoreSinks.jdbc(storeUrl),
            config.maxOutOfOrderness(),
            config.sourceIdleness(),
            config.settings());
    Map<String, Optional<Path>> resumed = new LinkedHashMap<>();
    if (remote.isPresent()) {
      flink = remote.get();
      started.push(remote.get());
    } else {
      EmbeddedFlink embedded =
          EmbeddedFlink.start(
              new FlinkSettings(
                  config.parallelism(),
                  config.checkpointInterval(),
                  config.checkpointDir(),
                  config.stateBackend()),
              pipelines.pipelines().size(),
              config.managedMemory(),
              config.flinkPort());
      flink = embedded;
      started.push(embedded);
      for (FreshetPipeline pipeline : pipelines.pipelines()) {
        resumed.put(
            pipeline.name(),
            embedded.submit(new FlinkJobSpec(pipeline.name(), env -> pipeline.wire(env, context))));
      }
    }
    CheckpointStateCollector stateSizes = new CheckpointStateCollector(flink.restAddress());
    registry.register(stateSizes);
    started.push(() -> registry.unregister(stateSizes));
    if (remote.isPresent()) {
      // The in-process reporter sees only a MiniCluster's metrics; a cluster's come over REST.
      FlinkRestMetricsCollector clusterMetrics =
          new FlinkRestMetricsCollector(remote.get().restAddress());
      registry.register(clusterMetrics);
      started.push(() -> registry.unregister(clusterMetrics));
    }

    for (FreshetPipeline pipeline : pipelines.pipelines()) {
      ApiContext apiContext =
          new ApiContext(
              context.kafka(),
              TopicNaming.PRODUCTION,
              () -> isRunning(pipeline.name()),
              () -> Optional.ofNullable(store));
      Optional<PipelineApi> api = pipeline.api(apiContext);
      if (api.isPresent()) {
        started.push(api.get());
        http.register(api.get()::register);
      }
    }

    List<DemoStream> demo = new ArrayList<>();
    if (config.demo()) {
      for (FreshetPipeline pipeline : pipelines.pipelines()) {
        demo.addAll(pipeline.demo(TopicNaming.PRODUCTION, DEMO_SEED));
      }
      for (DemoStream stream : demo) {
        started.push(
            PacedProducer.start(
                connection,
                "freshet-demo-" + stream.name(),
                config.demoRate(),
                stream.generator()));
      }
    }

    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
    console.accept("Freshet is starting (components up in " + millis + " ms)");
    console.accept(
        "  Kafka      "
            + bootstrapServers
            + (config.embeddedKafka() ? " (embedded KRaft broker)" : " (external)")
            + (config.kafkaConfig().isEmpty()
                ? ""
                : ", client properties "
                    + String.join(", ", new TreeSet<>(config.kafkaConfig().keySet()))
                    + " from --kafka-config"));
    console.accept(
        "  Dashboard  http://localhost:" + http.port() + "/ (API /api/health, /metrics)");
    console.accept(
        "  API token  "
            + token
                .file()
                .map(f -> token.value() + " (generated, kept in " + f + ")")
                .orElse("given with --api-token")
            + "; writes and SQL need 'Authorization: Bearer <token>'");
    // Never print a PostgreSQL password given in the URL.
    console.accept("  Store      " + storeUrl.replaceAll("(?i)(password=)[^&;]*", "$1***"));
    console.accept("  Flink      " + flink.restAddress() + " (" + flink.description() + ")");
    console.accept("  Data dir   " + config.dataDir().toAbsolutePath());
    if (remote.isPresent()) {
      Map<String, JobStatus> found = remote.get().jobStatuses();
      for (String job : pipelines.names()) {
        console.accept(
            "  Job        "
                + job
                + Optional.ofNullable(found.get(job))
                    .map(s -> " " + s + " on the cluster")
                    .orElseGet(
                        () -> {
                          FlinkCluster.MissingJob missing = remote.get().missingJob(job);
                          return " " + missing.state() + ": " + missing.detail();
                        }));
      }
    }
    resumed.forEach(
        (job, from) ->
            console.accept(
                "  Job        "
                    + job
                    + from.map(p -> " resumed from " + p.getFileName()).orElse(" started fresh")));
    console.accept(
        config.demo()
            ? "  Demo       "
                + config.demoRate()
                + " events/s into each of "
                + String.join(", ", demo.stream().map(DemoStream::topic).toList())
            : "  Demo       off (--no-demo)");
    console.accept("Press Ctrl-C to stop.");
  }

  /** Flink's web UI, once the cluster runs. */
  private Optional<URI> flinkUi() {
    FlinkCluster current = flink;
    if (current == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(current.restAddress());
    } catch (Exception e) {
      LOG.debug("Flink's REST address is not known yet", e);
      return Optional.empty();
    }
  }

  /** The bootstrap servers the platform's clients use. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The JDBC URL of the serving store the jobs write to. */
  public String storeUrl() {
    return storeUrl;
  }

  public int httpPort() {
    return http.port();
  }

  private boolean isRunning(String job) {
    FlinkCluster currentFlink = flink;
    if (currentFlink == null) {
      return false;
    }
    try {
      return currentFlink.jobStatuses().get(job) == JobStatus.RUNNING;
    } catch (FlinkUnavailableException e) {
      // A cluster that cannot tell is not known to run the job: the API answers 503, and the
      // health check reports why.
      LOG.debug("Job {} counts as not running", job, e);
      return false;
    }
  }

  /** The current health of the broker and every job. */
  public HealthReport health() {
    Map<String, ComponentHealth> components = new LinkedHashMap<>();
    Admin currentAdmin = admin;
    if (currentAdmin == null) {
      components.put("kafka", ComponentHealth.down("STARTING", "broker not started yet"));
    } else {
      try {
        int nodes = currentAdmin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
        components.put(
            "kafka", ComponentHealth.up("UP", nodes + " broker(s) at " + bootstrapServers));
      } catch (Exception e) {
        components.put("kafka", ComponentHealth.down("DOWN", e.toString()));
      }
    }
    FlinkCluster currentFlink = flink;
    Map<String, JobStatus> statuses = Map.of();
    Optional<String> unavailable = Optional.empty();
    if (currentFlink != null) {
      try {
        statuses = currentFlink.jobStatuses();
      } catch (FlinkUnavailableException e) {
        unavailable = Optional.of(e.getMessage());
      }
    }
    for (String job : pipelines.names()) {
      JobStatus status = statuses.get(job);
      ComponentHealth health;
      if (unavailable.isPresent()) {
        health = ComponentHealth.down("UNKNOWN", unavailable.get());
      } else if (status == null) {
        FlinkCluster.MissingJob missing =
            currentFlink == null
                ? new FlinkCluster.MissingJob("STARTING", "not submitted yet")
                : currentFlink.missingJob(job);
        health = ComponentHealth.down(missing.state(), missing.detail());
      } else if (status == JobStatus.RUNNING) {
        health = ComponentHealth.up(status.name(), "Flink job running");
      } else {
        health = ComponentHealth.down(status.name(), "Flink job not running");
      }
      components.put("job:" + job, health);
    }
    return HealthReport.of(components);
  }

  /** Stops everything that was started, newest first, even when one step fails. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        LOG.warn("Stopping {} failed", component.getClass().getSimpleName(), e);
      }
    }
  }
}
