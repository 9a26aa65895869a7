package io.freshet.runtime.cluster;

import java.util.List;
import java.util.Optional;

/**
 * A local cluster at one moment: each process, and the Kafka cluster as a client sees it.
 *
 * @param layout the cluster's layout
 * @param processes each process, in start order
 * @param kafka what the Admin API reported, empty when no broker answered
 * @param kafkaError why no broker answered, when none did
 */
public record ClusterStatus(
    ClusterLayout layout,
    List<ProcessStatus> processes,
    Optional<KafkaHealth> kafka,
    Optional<String> kafkaError) {

  public ClusterStatus {
    processes = List.copyOf(processes);
  }

  /** Every process running and healthy, and Kafka whole. */
  public boolean healthy() {
    return processes.stream().allMatch(p -> p.state() == ProcessState.RUNNING)
        && kafka.map(KafkaHealth::healthy).orElse(false);
  }

  /** Whether any process of the cluster runs, healthy or not. */
  public boolean anyRunning() {
    return processes.stream().anyMatch(p -> p.state() != ProcessState.STOPPED);
  }
}
