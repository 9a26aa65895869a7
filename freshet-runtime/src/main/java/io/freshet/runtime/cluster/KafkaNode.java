package io.freshet.runtime.cluster;

import io.freshet.runtime.kafka.AdminCalls;
import io.freshet.runtime.kafka.BrokerDefaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka node of a local cluster, broker and KRaft controller in one {@code kafka.Kafka}
 * process: its generated {@code server.properties} and log configuration, its storage formatted
 * once with the cluster's id, and the {@link ManagedProcess} that runs it.
 */
public final class KafkaNode {
  /** The client listener, on which brokers also replicate among themselves. */
  public static final String CLIENT_LISTENER = "PLAINTEXT";

  /** The listener the controllers' quorum and the brokers' heartbeats use. */
  public static final String CONTROLLER_LISTENER = "CONTROLLER";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);
  private static final String HOST = "localhost";
  private static final String META_PROPERTIES = "meta.properties";
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-Xms256m",
          "-Xmx1g",
          // Kafka's own start script's collector settings: short pauses keep heartbeats on time.
          "-XX:+UseG1GC",
          "-XX:MaxGCPauseMillis=20",
          "-XX:InitiatingHeapOccupancyPercent=35",
          // A broker out of memory is in an unknown state; dead, the others take over its leaders.
          "-XX:+ExitOnOutOfMemoryError",
          "-Djava.awt.headless=true");

  private final ClusterLayout cluster;
  private final BrokerLayout broker;
  private final ManagedProcess process;

  public KafkaNode(ClusterLayout cluster, BrokerLayout broker, Jvm jvm) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.broker = Objects.requireNonNull(broker, "broker");
    Path dir = cluster.dir();
    List<String> command = new ArrayList<>(List.of(jvm.java().toString()));
    command.addAll(JVM_OPTIONS);
    command.add("-Dlog4j2.configurationFile=" + log4jConfigFile());
    command.add("kafka.Kafka");
    command.add(serverPropertiesFile().toString());
    ProcessSpec spec =
        new ProcessSpec(
            broker.name(),
            command,
            // The classpath goes by environment so that the command line stays short enough to
            // read in ps and to compare when a pid is checked.
            Map.of("CLASSPATH", jvm.classpath()),
            broker.nodeDir(dir),
            dir.resolve(broker.name() + ".pid"),
            dir.resolve(broker.name() + ".log"),
            dir.resolve(broker.name() + ".out"),
            serverPropertiesFile().toString(),
            broker.ports());
    this.process = new ManagedProcess(spec, this::answers);
  }

  /** The node's place in the layout. */
  public BrokerLayout broker() {
    return broker;
  }

  /** The process that runs it. */
  public ManagedProcess process() {
    return process;
  }

  /** The node's {@code server.properties}, in the order they are written. */
  public Map<String, String> serverProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("node.id", Integer.toString(broker.nodeId()));
    props.put("process.roles", "broker,controller");
    // A static voter set: every node is a controller, fixed at format time, so no node needs
    // another to be up before its storage can be formatted.
    props.put("controller.quorum.voters", cluster.controllerVoters());
    props.put(
        "listeners",
        CLIENT_LISTENER
            + "://"
            + HOST
            + ":"
            + broker.clientPort()
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + broker.controllerPort());
    props.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + broker.clientPort());
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", CLIENT_LISTENER);
    props.put(
        "listener.security.protocol.map",
        CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("log.dirs", dataDir().toString());

    props.putAll(BrokerDefaults.shared(cluster.replicationFactor(), cluster.minInsyncReplicas()));
    return props;
  }

  /**
   * Writes the node's configuration and formats its storage unless it already is; only for a node
   * that does not run, as a running one keeps the configuration it started with.
   *
   * @return whether the storage was formatted now
   */
  public boolean prepare() {
    try {
      Files.createDirectories(broker.nodeDir(cluster.dir()));
      Files.writeString(serverPropertiesFile(), serverPropertiesText(), StandardCharsets.UTF_8);
      Files.writeString(log4jConfigFile(), log4jConfig(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ClusterException(
          "Cannot write the configuration of " + broker.name() + ": " + e, e);
    }
    return formatIfNeeded();
  }

  /**
   * Fails, naming the port, if another program listens where this node must; before a start, so the
   * failure is not a bind error deep in the broker's log.
   */
  public void checkPortsFree() {
    for (int port : List.of(broker.clientPort(), broker.controllerPort())) {
      checkPortFree(broker.name(), port);
    }
  }

  /**
   * Fails, naming the port and the process, if another program listens on it. A connection is the
   * test, not a bind: a process just killed leaves its accepted connections in TIME_WAIT, which
   * refuse a test bind for a minute although the restarted process binds the port at once.
   */
  static void checkPortFree(String process, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 1_000);
    } catch (IOException e) {
      // Nothing accepts on it: free.
      return;
    }
    throw new ClusterException(
        "Cannot start "
            + process
            + ": port "
            + port
            + " on "
            + HOST
            + " is in use by another program (is `freshet run`, another Kafka or Flink"
            + " running?). Stop it, or give the cluster other ports (--base-port,"
            + " --flink-port, --jobmanager-port, --zookeeper-port; for an existing cluster,"
            + " in a new --dir).");
  }

  /** {@code DIR/kafka-N/server.properties}. */
  public Path serverPropertiesFile() {
    return broker.nodeDir(cluster.dir()).resolve("server.properties");
  }

  /** {@code DIR/kafka-N/data}: the partitions' logs and the KRaft metadata log. */
  public Path dataDir() {
    return broker.nodeDir(cluster.dir()).resolve("data");
  }

  /** The broker's own log, {@code DIR/broker-N.log}. */
  public Path logFile() {
    return process.spec().logFile();
  }

  String serverPropertiesText() {
    StringBuilder text =
        new StringBuilder(
            "# Written by `freshet cluster up` before each start of "
                + broker.name()
                + "; edit KafkaNode, not this file.\n");
    serverProperties()
        .forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  private Path log4jConfigFile() {
    return broker.nodeDir(cluster.dir()).resolve("log4j2.xml");
  }

  private String log4jConfig() {
    String log = xmlAttribute(logFile().toString());
    String rolled = xmlAttribute(cluster.dir().resolve(broker.name() + "-%i.log").toString());
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Written by `freshet cluster up`: the broker logs to its own file, rolled at 50 MB. -->
        <Configuration status="WARN">
          <Appenders>
            <RollingFile name="File" fileName="%s" filePattern="%s">
              <PatternLayout pattern="%%d{ISO8601} %%-5level [%%t] %%c - %%msg%%n"/>
              <Policies><SizeBasedTriggeringPolicy size="50 MB"/></Policies>
              <DefaultRolloverStrategy max="3"/>
            </RollingFile>
          </Appenders>
          <Loggers>
            <Root level="INFO"><AppenderRef ref="File"/></Root>
          </Loggers>
        </Configuration>
        """
        .formatted(log, rolled);
  }

  private static String xmlAttribute(String value) {
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private boolean formatIfNeeded() {
    Path data = dataDir();
    Path meta = data.resolve(META_PROPERTIES);
    if (Files.exists(meta)) {
      String formattedFor = readClusterId(meta);
      if (!cluster.clusterId().equals(formattedFor)) {
        throw new ClusterException(
            data
                + " was formatted for Kafka cluster "
                + formattedFor
                + ", but "
                + cluster.file()
                + " says "
                + cluster.clusterId()
                + "; a node joining the wrong cluster would lose its data. Remove the directory"
                + " if that data is to go.");
      }
      return false;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream formatterOut = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(formatterOut)
          .setNodeId(broker.nodeId())
          .setClusterId(cluster.clusterId())
          .setDirectories(Set.of(data.toString()))
          .setMetadataLogDirectory(data.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      throw new ClusterException(
          "Cannot format the storage of " + broker.name() + " in " + data + ": " + e.getMessage(),
          e);
    }
    LOG.info(
        "Formatted {} for cluster {}: {}",
        data,
        cluster.clusterId(),
        output.toString(StandardCharsets.UTF_8).strip());
    return true;
  }

  private static String readClusterId(Path metaProperties) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(metaProperties)) {
      properties.load(in);
    } catch (IOException e) {
      throw new ClusterException("Cannot read " + metaProperties + ": " + e, e);
    }
    return properties.getProperty("cluster.id", "(none)");
  }

  /**
   * Whether the broker answers on its own client port and counts itself among the cluster's live
   * brokers, i.e. it has registered with the controllers and is not fenced.
   */
  private boolean answers() throws InterruptedException {
    Map<String, Object> props =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            HOST + ":" + broker.clientPort(),
            AdminClientConfig.CLIENT_ID_CONFIG,
            "freshet-cluster-probe-" + broker.nodeId(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            AdminCalls.millis(PROBE_TIMEOUT),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            AdminCalls.millis(PROBE_TIMEOUT));
    try (Admin admin = Admin.create(props)) {
      Set<Integer> live =
          AdminCalls.await(
                  admin
                      .describeCluster(
                          new DescribeClusterOptions().timeoutMs(AdminCalls.millis(PROBE_TIMEOUT)))
                      .nodes(),
                  PROBE_TIMEOUT)
              .stream()
              .map(Node::id)
              .collect(Collectors.toSet());
      return live.contains(broker.nodeId());
    } catch (KafkaException e) {
      LOG.debug(
          "{} does not answer on port {}: {}", broker.name(), broker.clientPort(), e.toString());
      return false;
    }
  }
}
