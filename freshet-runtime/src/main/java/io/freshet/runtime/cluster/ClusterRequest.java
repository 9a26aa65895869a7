package io.freshet.runtime.cluster;

import java.util.OptionalInt;

/**
 * What {@code cluster up} was asked for: each part left empty takes its default in a new cluster
 * and must match the existing one's otherwise.
 *
 * @param brokers Kafka nodes
 * @param basePort the first broker's client port
 * @param taskManagers Flink TaskManagers
 * @param flinkRestPort the JobManager's REST port
 * @param jobManagerPort the JobManager's RPC port
 * @param zooKeeperPort ZooKeeper's client port
 */
public record ClusterRequest(
    OptionalInt brokers,
    OptionalInt basePort,
    OptionalInt taskManagers,
    OptionalInt flinkRestPort,
    OptionalInt jobManagerPort,
    OptionalInt zooKeeperPort) {

  /** Nothing asked: the defaults, or whatever the existing cluster has. */
  public static ClusterRequest defaults() {
    OptionalInt none = OptionalInt.empty();
    return new ClusterRequest(none, none, none, none, none, none);
  }

  /** A new cluster's Flink layout. */
  FlinkLayout flink() {
    return new FlinkLayout(
        flinkRestPort.orElse(FlinkLayout.DEFAULT_REST_PORT),
        jobManagerPort.orElse(FlinkLayout.DEFAULT_JOB_MANAGER_PORT),
        zooKeeperPort.orElse(FlinkLayout.DEFAULT_ZOOKEEPER_PORT),
        taskManagers.orElse(FlinkLayout.DEFAULT_TASK_MANAGERS),
        FlinkLayout.DEFAULT_SLOTS);
  }

  /** The parts asked for that {@code kept} does not have, as "--option wanted (has kept)". */
  String conflicts(ClusterLayout kept) {
    StringBuilder b = new StringBuilder();
    conflict(b, "--brokers", brokers, kept.brokers().size());
    conflict(b, "--base-port", basePort, kept.basePort());
    conflict(b, "--taskmanagers", taskManagers, kept.flink().taskManagers());
    conflict(b, "--flink-port", flinkRestPort, kept.flink().restPort());
    conflict(b, "--jobmanager-port", jobManagerPort, kept.flink().jobManagerPort());
    conflict(b, "--zookeeper-port", zooKeeperPort, kept.flink().zooKeeperPort());
    return b.toString();
  }

  private static void conflict(StringBuilder b, String option, OptionalInt wanted, int kept) {
    if (wanted.isPresent() && wanted.getAsInt() != kept) {
      b.append(b.length() == 0 ? "" : ", ")
          .append(option)
          .append(' ')
          .append(wanted.getAsInt())
          .append(" (it has ")
          .append(kept)
          .append(')');
    }
  }
}
