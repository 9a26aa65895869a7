package io.freshet.runtime.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka, KRaft broker and controller in one server, running inside this JVM on a
 * log directory that survives restarts.
 *
 * <p>Kafka reacts to unrecoverable faults (a failed metadata log, a lost log directory) through
 * {@code org.apache.kafka.common.utils.Exit}, which exits or halts the JVM. This class deliberately
 * leaves that JVM-wide hook alone: in the Freshet process the broker is the system of record, and
 * carrying on after Kafka declared its own state unsafe would risk the log. Tests that must survive
 * such a fault install a throwing procedure with {@code Exit.setExitProcedure} and {@code
 * Exit.setHaltProcedure} themselves.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  /** How long {@link #start()} may take, from formatting to the broker answering clients. */
  public static final Duration START_DEADLINE = Duration.ofSeconds(60);

  static final String STORAGE_DIR_NAME = "kraft-combined-logs";
  static final String META_PROPERTIES = "meta.properties";

  /**
   * The largest record batch a broker accepts and replicates, 10 MiB; the local cluster's brokers
   * take the same, so a pipeline behaves alike on both.
   */
  public static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String CLIENT_LISTENER = "PLAINTEXT";
  private static final Duration READY_PROBE_TIMEOUT = Duration.ofSeconds(5);

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final EmbeddedKafkaConfig config;
  private State state = State.NEW;
  private KafkaRaftServer server;
  private String bootstrapServers;
  private String clusterId;

  public EmbeddedKafkaBroker(EmbeddedKafkaConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The configuration this broker was built from (ports may still be 0 here). */
  public EmbeddedKafkaConfig config() {
    return config;
  }

  /**
   * Formats the storage if it has never been formatted, starts the broker and returns once it
   * answers {@code describeCluster}.
   *
   * @return this broker, for {@code try (var broker = new EmbeddedKafkaBroker(cfg).start())}
   * @throws EmbeddedKafkaException if a port is taken, the storage cannot be formatted, or the
   *     broker does not answer within {@link #START_DEADLINE}
   */
  public synchronized EmbeddedKafkaBroker start() {
    if (state != State.NEW) {
      throw new IllegalStateException(
          "Embedded Kafka broker can only be started once; it is " + state);
    }
    long startedAt = System.nanoTime();
    long deadline = startedAt + START_DEADLINE.toNanos();
    int[] ports = resolvePorts();
    Map<String, String> props = brokerProperties(ports[0], ports[1]);
    KafkaConfig kafkaConfig;
    try {
      kafkaConfig = new KafkaConfig(props, false);
    } catch (ConfigException e) {
      // Checked before formatting so a bad override never leaves a half-initialised directory.
      throw new EmbeddedKafkaException(
          "Invalid embedded Kafka broker configuration: " + e.getMessage(), e);
    }
    boolean formatted = formatIfNeeded(props);
    String candidateBootstrap = config.host() + ":" + ports[0];

    KafkaRaftServer candidate = null;
    try {
      candidate = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
      candidate.startup();
      awaitAnswering(candidateBootstrap, deadline);
    } catch (Exception e) {
      // A half-started server still holds the log-dir lock and its ports; release them so the
      // caller can retry or fall back to --bootstrap-servers in the same JVM.
      if (candidate != null) {
        stop(candidate, e);
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof EmbeddedKafkaException eke
          ? eke
          : new EmbeddedKafkaException(
              "Embedded Kafka broker failed to start on " + candidateBootstrap + ": " + e, e);
    }
    server = candidate;
    bootstrapServers = candidateBootstrap;
    state = State.RUNNING;
    LOG.info(
        "Embedded Kafka broker ready at {} in {} ms (cluster {}, log dirs {}{})",
        bootstrapServers,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
        clusterId,
        props.get("log.dirs"),
        formatted ? ", freshly formatted" : "");
    return this;
  }

  /** {@code host:port} of the client listener; only valid once started. */
  public synchronized String bootstrapServers() {
    requireRunning();
    return bootstrapServers;
  }

  /** Cluster id stored in {@code meta.properties}; stable across restarts on the same directory. */
  public synchronized String clusterId() {
    requireRunning();
    return clusterId;
  }

  /** Whether {@link #start()} succeeded and {@link #close()} has not been called yet. */
  public synchronized boolean isRunning() {
    return state == State.RUNNING;
  }

  /** Shuts the broker down and waits for it; calling it again, or before start, does nothing. */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    State previous = state;
    state = State.CLOSED;
    if (previous != State.RUNNING) {
      return;
    }
    long began = System.nanoTime();
    server.shutdown();
    server.awaitShutdown();
    LOG.info(
        "Embedded Kafka broker at {} stopped in {} ms",
        bootstrapServers,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    server = null;
  }

  /** Directory holding both the data logs and the KRaft metadata log, unless overridden. */
  Path storageDir() {
    return config.logDir().resolve(STORAGE_DIR_NAME);
  }

  private void requireRunning() {
    if (state != State.RUNNING) {
      throw new IllegalStateException("Embedded Kafka broker is " + state + ", not RUNNING");
    }
  }

  /** Returns {client port, controller port}, picking free ports for zeros and checking others. */
  private int[] resolvePorts() {
    InetSocketAddress probe = new InetSocketAddress(config.host(), 0);
    if (probe.isUnresolved()) {
      throw new EmbeddedKafkaException(
          "Cannot start the embedded Kafka broker: host '" + config.host() + "' does not resolve");
    }
    InetAddress address = probe.getAddress();
    int port = config.port();
    int controllerPort = config.controllerPort();
    if (port != 0) {
      ensureFree(address, port, "client");
    }
    if (controllerPort != 0) {
      ensureFree(address, controllerPort, "controller");
    }
    // Both sockets stay open until both ports are known so the two picks cannot coincide.
    try (ServerSocket first = port == 0 ? new ServerSocket(0, 1, address) : null;
        ServerSocket second = controllerPort == 0 ? new ServerSocket(0, 1, address) : null) {
      return new int[] {
        first == null ? port : first.getLocalPort(),
        second == null ? controllerPort : second.getLocalPort()
      };
    } catch (IOException e) {
      throw new EmbeddedKafkaException(
          "Cannot pick a free port on " + config.host() + " for the embedded Kafka broker", e);
    }
  }

  /** Fails here, with advice, rather than letting Kafka's bind error surface mid-startup. */
  private void ensureFree(InetAddress address, int port, String listener) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      String advice =
          listener.equals("client")
              ? "If a Kafka broker is already running there, use it with --bootstrap-servers "
                  + config.host()
                  + ":"
                  + port
                  + "; otherwise free the port or choose another one."
              : "Free the port or choose another controller port; to use an existing Kafka"
                  + " instead, pass its address with --bootstrap-servers.";
      throw new EmbeddedKafkaException(
          "Cannot start the embedded Kafka broker: port "
              + port
              + " on "
              + config.host()
              + " ("
              + listener
              + " listener) is already in use. "
              + advice,
          e);
    }
  }

  private Map<String, String> brokerProperties(int port, int controllerPort) {
    String host = config.host();
    String storage = storageDir().toAbsolutePath().toString();
    Map<String, String> props = new LinkedHashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    props.put(
        "listeners",
        CLIENT_LISTENER
            + "://"
            + host
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + controllerPort);
    props.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + port);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", CLIENT_LISTENER);
    props.put(
        "listener.security.protocol.map",
        CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("log.dirs", storage);
    props.put("metadata.log.dir", storage);

    // A single node can only ever hold one replica of the internal topics.
    props.putAll(BrokerDefaults.shared(1, 1));
    props.put("group.initial.rebalance.delay.ms", "0");

    // The active controller appends a no-op record to the metadata log this often so brokers see
    // its high watermark move (500 ms by default); one in-process node needs no such heartbeat
    // twice a second, idle or not.
    props.put("metadata.max.idle.interval.ms", "5000");
    // Bounds Kafka's own wait so start() can honour its deadline instead of hanging.
    props.put("server.max.startup.time.ms", Long.toString(START_DEADLINE.toMillis()));

    props.putAll(config.overrides());
    return props;
  }

  /**
   * Formats the directories that lack {@code meta.properties}, reusing any cluster id already on
   * disk so a restart never orphans existing data; returns whether anything was formatted.
   */
  private boolean formatIfNeeded(Map<String, String> props) {
    // Resolved from the final properties, as Kafka does, so overrides of the dirs are honoured.
    List<String> logDirs =
        Arrays.stream(props.getOrDefault("log.dirs", props.getOrDefault("log.dir", "")).split(","))
            .map(String::strip)
            .filter(dir -> !dir.isEmpty())
            .toList();
    if (logDirs.isEmpty()) {
      throw new EmbeddedKafkaException("No Kafka log directory configured (log.dirs is empty)");
    }
    String metadataLogDir = props.getOrDefault("metadata.log.dir", logDirs.get(0));
    Set<String> dirs = new LinkedHashSet<>(logDirs);
    dirs.add(metadataLogDir);
    List<String> unformatted = new ArrayList<>();
    Optional<String> existingId = Optional.empty();
    for (String dir : dirs) {
      Path meta = Path.of(dir, META_PROPERTIES);
      if (Files.exists(meta)) {
        existingId = existingId.or(() -> readClusterId(meta));
      } else {
        unformatted.add(dir);
      }
    }
    if (unformatted.isEmpty()) {
      clusterId =
          existingId.orElseThrow(
              () ->
                  new EmbeddedKafkaException(
                      "No cluster.id in the meta.properties files under " + dirs));
      LOG.info("Reusing Kafka storage in {} (cluster {})", dirs, clusterId);
      return false;
    }
    clusterId = existingId.orElseGet(() -> Uuid.randomUuid().toString());
    String controllerListener = props.get("controller.listener.names").split(",")[0].strip();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream formatterOut = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(formatterOut)
          .setNodeId(Integer.parseInt(props.get("node.id")))
          .setClusterId(clusterId)
          .setDirectories(dirs)
          .setMetadataLogDirectory(metadataLogDir)
          .setControllerListenerName(controllerListener)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          // Only the directories without meta.properties are written; formatted ones are kept.
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new EmbeddedKafkaException(
          "Cannot format Kafka storage " + unformatted + ": " + e.getMessage(), e);
    }
    LOG.info(
        "Formatted Kafka storage {} (cluster {}): {}",
        unformatted,
        clusterId,
        output.toString(StandardCharsets.UTF_8).strip());
    return true;
  }

  private static Optional<String> readClusterId(Path metaProperties) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(metaProperties)) {
      properties.load(in);
    } catch (IOException e) {
      throw new EmbeddedKafkaException("Cannot read " + metaProperties, e);
    }
    return Optional.ofNullable(properties.getProperty("cluster.id"));
  }

  /** Polls describeCluster until it lists a node; the admin client retries within each probe. */
  private static void awaitAnswering(String bootstrap, long deadlineNanos)
      throws InterruptedException {
    Map<String, Object> adminProps =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            AdminClientConfig.CLIENT_ID_CONFIG,
            "freshet-embedded-kafka-probe",
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            (int) READY_PROBE_TIMEOUT.toMillis(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) READY_PROBE_TIMEOUT.toMillis());
    Exception lastFailure = null;
    try (Admin admin = Admin.create(adminProps)) {
      while (true) {
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (remainingMs <= 0) {
          throw new EmbeddedKafkaException(
              "Embedded Kafka broker at "
                  + bootstrap
                  + " did not answer describeCluster within "
                  + START_DEADLINE.toSeconds()
                  + " s",
              lastFailure);
        }
        int probeMs = (int) Math.min(remainingMs, READY_PROBE_TIMEOUT.toMillis());
        try {
          Collection<Node> nodes =
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(probeMs))
                  .nodes()
                  .get(probeMs, TimeUnit.MILLISECONDS);
          if (!nodes.isEmpty()) {
            return;
          }
          // An empty answer comes back at once; a short pause keeps this from spinning.
          TimeUnit.MILLISECONDS.sleep(50);
        } catch (ExecutionException | TimeoutException e) {
          lastFailure = e;
          LOG.debug("Embedded Kafka broker at {} not answering yet: {}", bootstrap, e.toString());
        }
      }
    }
  }

  /** Shuts down a server that failed to start, keeping any shutdown failure with the cause. */
  private static void stop(KafkaRaftServer candidate, Exception cause) {
    try {
      candidate.shutdown();
      candidate.awaitShutdown();
    } catch (RuntimeException shutdownFailure) {
      cause.addSuppressed(shutdownFailure);
    }
  }
}
