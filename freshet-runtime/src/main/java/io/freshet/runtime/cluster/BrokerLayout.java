package io.freshet.runtime.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * One Kafka node of a local cluster: its KRaft node id and the ports of its client and controller
 * listeners, both on localhost.
 *
 * @param nodeId KRaft node id, 1 for the first broker
 * @param clientPort port of the PLAINTEXT listener clients bootstrap from
 * @param controllerPort port of the CONTROLLER listener the quorum talks on
 */
public record BrokerLayout(int nodeId, int clientPort, int controllerPort) {

  public BrokerLayout {
    if (nodeId < 1) {
      throw new IllegalArgumentException("nodeId must be at least 1, got " + nodeId);
    }
    ClusterLayout.checkPort("clientPort", clientPort);
    ClusterLayout.checkPort("controllerPort", controllerPort);
  }

  /** The process name in status tables and file names: {@code broker-1}. */
  public String name() {
    return "broker-" + nodeId;
  }

  /** This node's directory: its server.properties and, under {@code data}, its logs. */
  public Path nodeDir(Path clusterDir) {
    return clusterDir.resolve("kafka-" + nodeId);
  }

  /** The ports, labelled, as a status table shows them. */
  public List<String> ports() {
    return List.of(clientPort + " client", controllerPort + " controller");
  }
}
