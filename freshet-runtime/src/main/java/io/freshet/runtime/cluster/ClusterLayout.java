package io.freshet.runtime.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a local cluster is made of and where: its directory, the Kafka cluster id and each broker's
 * ports, kept in {@code DIR/cluster.json} so that {@code status}, {@code down} and a later {@code
 * up} act on the cluster that was planned rather than on today's command-line defaults.
 *
 * @param dir the cluster's directory, absolute; not stored in the file, which lives in it
 * @param clusterId the Kafka cluster id every node's storage is formatted with
 * @param brokers the Kafka nodes, each broker and controller at once, in node-id order
 * @param flink the Flink session cluster and its ZooKeeper
 */
public record ClusterLayout(
    Path dir, String clusterId, List<BrokerLayout> brokers, FlinkLayout flink) {

  /** The file in the cluster directory that holds the layout. */
  public static final String FILE_NAME = "cluster.json";

  /** Default first client port: broker N listens on {@code basePort + N - 1}. */
  public static final int DEFAULT_BASE_PORT = 9092;

  /**
   * Controllers listen this far above their broker's client port, so that the client ports of
   * consecutive brokers can be consecutive (9092, 9093, 9094) as clients expect.
   */
  public static final int CONTROLLER_PORT_OFFSET = 100;

  /** The most replicas any topic gets, however many brokers there are. */
  public static final int MAX_REPLICATION_FACTOR = 3;

  private static final int FORMAT_VERSION = 2;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ClusterLayout {
    dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    Objects.requireNonNull(clusterId, "clusterId");
    brokers = List.copyOf(brokers);
    if (brokers.isEmpty()) {
      throw new IllegalArgumentException("A cluster needs at least one broker");
    }
    Objects.requireNonNull(flink, "flink");
    Set<Integer> ports = new HashSet<>();
    for (int port : List.of(flink.restPort(), flink.jobManagerPort(), flink.zooKeeperPort())) {
      if (!ports.add(port)) {
        throw new IllegalArgumentException("Port " + port + " is used twice in the cluster");
      }
    }
    Set<Integer> ids = new HashSet<>();
    for (BrokerLayout broker : brokers) {
      if (!ids.add(broker.nodeId())) {
        throw new IllegalArgumentException("Node id " + broker.nodeId() + " appears twice");
      }
      for (int port : List.of(broker.clientPort(), broker.controllerPort())) {
        if (!ports.add(port)) {
          throw new IllegalArgumentException("Port " + port + " is used twice in the cluster");
        }
      }
    }
  }

  /**
   * A new layout of {@code brokers} nodes: client ports from {@code basePort} up, controller ports
   * {@value #CONTROLLER_PORT_OFFSET} above them; and of {@code flink}.
   */
  public static ClusterLayout plan(
      Path dir, int brokers, int basePort, String clusterId, FlinkLayout flink) {
    if (brokers < 1) {
      throw new IllegalArgumentException("--brokers must be at least 1, got " + brokers);
    }
    checkPort("base port", basePort);
    checkPort("highest controller port", basePort + brokers - 1 + CONTROLLER_PORT_OFFSET);
    List<BrokerLayout> nodes = new ArrayList<>();
    for (int i = 0; i < brokers; i++) {
      nodes.add(new BrokerLayout(i + 1, basePort + i, basePort + i + CONTROLLER_PORT_OFFSET));
    }
    return new ClusterLayout(dir, clusterId, nodes, flink);
  }

  /** The layout kept in {@code dir}, if a cluster was ever brought up there. */
  public static Optional<ClusterLayout> read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      int version = root.path("format").asInt(-1);
      if (version != FORMAT_VERSION) {
        throw new ClusterException(
            file
                + " has format "
                + version
                + ", this Freshet reads format "
                + FORMAT_VERSION
                + " (format 1 had no Flink); `cluster down` with the Freshet that made it, then"
                + " remove the directory");
      }
      List<BrokerLayout> brokers = new ArrayList<>();
      for (JsonNode b : root.path("kafka").path("brokers")) {
        brokers.add(
            new BrokerLayout(
                b.path("node_id").asInt(),
                b.path("client_port").asInt(),
                b.path("controller_port").asInt()));
      }
      JsonNode f = root.path("flink");
      FlinkLayout flink =
          new FlinkLayout(
              f.path("rest_port").asInt(),
              f.path("jobmanager_port").asInt(),
              f.path("zookeeper_port").asInt(),
              f.path("taskmanagers").asInt(),
              f.path("slots_per_taskmanager").asInt());
      return Optional.of(
          new ClusterLayout(dir, root.path("kafka").path("cluster_id").asText(), brokers, flink));
    } catch (IOException | IllegalArgumentException e) {
      throw new ClusterException("Cannot read the cluster layout " + file + ": " + e, e);
    }
  }

  /** Writes {@code DIR/cluster.json}, whole or not at all. */
  public void write() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT_VERSION);
    ObjectNode kafka = root.putObject("kafka");
    kafka.put("cluster_id", clusterId);
    ArrayNode nodes = kafka.putArray("brokers");
    for (BrokerLayout b : brokers) {
      nodes
          .addObject()
          .put("node_id", b.nodeId())
          .put("client_port", b.clientPort())
          .put("controller_port", b.controllerPort());
    }
    root.putObject("flink")
        .put("rest_port", flink.restPort())
        .put("jobmanager_port", flink.jobManagerPort())
        .put("zookeeper_port", flink.zooKeeperPort())
        .put("taskmanagers", flink.taskManagers())
        .put("slots_per_taskmanager", flink.slotsPerTaskManager());
    Path file = file();
    try {
      Files.createDirectories(dir);
      // A reader never sees a half-written layout, even if this process dies mid-write.
      Path partial = dir.resolve(FILE_NAME + ".tmp");
      JSON.writeValue(partial.toFile(), root);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ClusterException("Cannot write the cluster layout " + file + ": " + e, e);
    }
  }

  /** {@code DIR/cluster.json}. */
  public Path file() {
    return dir.resolve(FILE_NAME);
  }

  /** Replicas per topic, internal ones included: three, or every broker when there are fewer. */
  public int replicationFactor() {
    return Math.min(MAX_REPLICATION_FACTOR, brokers.size());
  }

  /**
   * Replicas that must have a write before an {@code acks=all} producer hears it succeeded: two of
   * three, so one broker may fail without stopping writes or losing an acknowledged one; one when
   * there are fewer than three replicas, so a two-broker cluster still takes writes with one down.
   */
  public int minInsyncReplicas() {
    return Math.max(1, replicationFactor() - 1);
  }

  /** The client ports of every broker, for a client's {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return brokers.stream()
        .map(b -> "localhost:" + b.clientPort())
        .collect(Collectors.joining(","));
  }

  /** The static KRaft voter set: every node, {@code id@localhost:controllerPort}. */
  public String controllerVoters() {
    return brokers.stream()
        .map(b -> b.nodeId() + "@localhost:" + b.controllerPort())
        .collect(Collectors.joining(","));
  }

  /** The first broker's client port, from which the others follow. */
  public int basePort() {
    return brokers.get(0).clientPort();
  }

  static void checkPort(String name, int value) {
    if (value < 1 || value > 65_535) {
      throw new IllegalArgumentException(name + " must be in 1..65535, got " + value);
    }
  }
}
