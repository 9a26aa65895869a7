package io.freshet.it.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Free ports for a local cluster in a test, away from the conventional ones a developer's own
 * cluster or {@code freshet run} may hold: a block for three brokers and their controllers, and one
 * each for Flink's REST API, the JobManager's RPC and ZooKeeper.
 *
 * @param basePort the first broker's client port
 * @param flinkPort Flink's REST port
 * @param jobManagerPort the JobManager's RPC port
 * @param zooKeeperPort ZooKeeper's client port
 */
record ClusterPorts(int basePort, int flinkPort, int jobManagerPort, int zooKeeperPort) {
  static final int BROKERS = 3;
  static final int CONTROLLER_PORT_OFFSET = 100;

  /** A block where every port is free now. */
  static ClusterPorts free() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 29_000);
      boolean free =
          IntStream.range(0, BROKERS)
                  .flatMap(i -> IntStream.of(base + i, base + i + CONTROLLER_PORT_OFFSET))
                  .allMatch(ClusterPorts::isFree)
              && IntStream.of(base + 50, base + 51, base + 52).allMatch(ClusterPorts::isFree);
      if (free) {
        return new ClusterPorts(base, base + 50, base + 51, base + 52);
      }
    }
    throw new IllegalStateException("No free block of ports between 20000 and 29200");
  }

  /** The brokers' client addresses. */
  String bootstrapServers() {
    return IntStream.range(0, BROKERS)
        .mapToObj(i -> "localhost:" + (basePort + i))
        .collect(Collectors.joining(","));
  }

  /** The JobManager's REST address. */
  String jobManager() {
    return "localhost:" + flinkPort;
  }

  /** {@code cluster up} of a new cluster in {@code dir} on these ports. */
  String[] upArgs(Path dir) {
    return List.of(
            "cluster",
            "up",
            "--dir",
            dir.toString(),
            "--base-port",
            Integer.toString(basePort),
            "--flink-port",
            Integer.toString(flinkPort),
            "--jobmanager-port",
            Integer.toString(jobManagerPort),
            "--zookeeper-port",
            Integer.toString(zooKeeperPort))
        .toArray(String[]::new);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
