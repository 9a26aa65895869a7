package io.freshet.cli;

import io.freshet.runtime.cluster.ClusterLayout;
import io.freshet.runtime.cluster.ClusterStatus;
import io.freshet.runtime.cluster.KafkaHealth;
import io.freshet.runtime.cluster.ManagedProcess;
import io.freshet.runtime.cluster.ProcessStatus;
import io.freshet.runtime.cluster.UpReport;
import io.freshet.runtime.flink.FlinkJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The {@code cluster} commands' output as plain text. */
final class ClusterText {
  private static final String ROW = "%-14s %-8s %-10s %-30s %s%n";

  private ClusterText() {}

  /** The line naming the cluster and its replication settings. */
  static String heading(ClusterLayout layout) {
    return String.format(
        Locale.ROOT,
        "Cluster %s (Kafka cluster id %s): %d broker%s, replication factor %d,"
            + " min.insync.replicas %d",
        layout.dir(),
        layout.clusterId(),
        layout.brokers().size(),
        layout.brokers().size() == 1 ? "" : "s",
        layout.replicationFactor(),
        layout.minInsyncReplicas());
  }

  /** What {@code up} did, then the cluster's status. */
  static String up(UpReport report) {
    StringBuilder b = new StringBuilder();
    if (!report.formatted().isEmpty()) {
      b.append("Formatted the storage of ")
          .append(String.join(", ", report.formatted()))
          .append('\n');
    }
    b.append("Started: ")
        .append(report.started().isEmpty() ? "none" : String.join(", ", report.started()))
        .append("; already running: ")
        .append(
            report.alreadyRunning().isEmpty() ? "none" : String.join(", ", report.alreadyRunning()))
        .append('\n');
    b.append(
        report.createdTopics().isEmpty()
            ? "Topics: all existed\n"
            : "Topics created: " + String.join(", ", report.createdTopics()) + "\n");
    b.append(status(report.status()));
    return b.toString();
  }

  /** The process table, then Kafka's own view. */
  static String status(ClusterStatus status) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, ROW, "PROCESS", "PID", "STATE", "PORTS", "LOG"));
    for (ProcessStatus p : status.processes()) {
      b.append(
          String.format(
              Locale.ROOT,
              ROW,
              p.name(),
              p.pid().isPresent() ? Long.toString(p.pid().getAsLong()) : "-",
              p.state(),
              String.join(", ", p.ports()),
              p.log()));
    }
    if (status.kafka().isPresent()) {
      KafkaHealth k = status.kafka().get();
      b.append(
          String.format(
              Locale.ROOT,
              "Kafka: %d of %d brokers live; %d partitions, %d under-replicated, %d offline%n",
              k.brokersSeen(),
              k.brokersExpected(),
              k.partitions(),
              k.underReplicated(),
              k.offline()));
    } else {
      b.append("Kafka: ").append(status.kafkaError().orElse("unreachable")).append('\n');
    }
    b.append("Bootstrap servers: ").append(status.layout().bootstrapServers()).append('\n');
    b.append("Flink: ").append(status.layout().flink().restUrl());
    if (status.flinkError().isPresent()) {
      b.append(" (").append(status.flinkError().get()).append(")\n");
    } else if (status.flinkJobs().isEmpty()) {
      b.append(", no jobs\n");
    } else {
      b.append('\n');
      for (FlinkJob job : status.flinkJobs()) {
        b.append(
            String.format(
                Locale.ROOT, "  job %-24s %-12s %s%n", job.name(), job.state(), job.id()));
      }
    }
    return b.toString();
  }

  /** One line per process {@code down} stopped or found stopped. */
  static String down(List<ManagedProcess.Stopped> stopped) {
    StringBuilder b = new StringBuilder();
    for (ManagedProcess.Stopped s : stopped) {
      if (s.pid().isEmpty()) {
        b.append(s.name()).append(" was not running\n");
      } else {
        b.append(
            String.format(
                Locale.ROOT,
                "Stopped %s (pid %d) in %.1f s%s%n",
                s.name(),
                s.pid().getAsLong(),
                s.took().toMillis() / 1000.0,
                s.killed() ? ", killed with SIGKILL after the grace period" : ""));
      }
    }
    return b.toString();
  }

  /** Said when the directory holds no cluster. */
  static String noCluster(Path dir) {
    return "No cluster in "
        + dir
        + " (no "
        + ClusterLayout.FILE_NAME
        + "); `freshet cluster up --dir "
        + dir
        + "` creates one.";
  }
}
