package io.freshet.runtime.cluster;

import io.freshet.runtime.flink.FlinkJob;
import java.util.List;
import java.util.Optional;

/**
 * A local cluster at one moment: each process, and the Kafka cluster as a client sees it.
 *
 * @param layout the cluster's layout
 * @param processes each process, in start order
 * @param kafka what the Admin API reported, empty when no broker answered
 * @param kafkaError why no broker answered, when none did
 * @param flinkJobs the jobs the JobManager knows
 * @param flinkError why the JobManager did not answer, when it did not
 */
public record ClusterStatus(
    ClusterLayout layout,
    List<ProcessStatus> processes,
    Optional<KafkaHealth> kafka,
    Optional<String> kafkaError,
    List<FlinkJob> flinkJobs,
    Optional<String> flinkError) {

  public ClusterStatus {
    processes = List.copyOf(processes);
    flinkJobs = List.copyOf(flinkJobs);
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
