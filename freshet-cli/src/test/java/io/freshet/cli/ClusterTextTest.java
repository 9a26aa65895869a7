package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.runtime.cluster.ClusterLayout;
import io.freshet.runtime.cluster.ClusterStatus;
import io.freshet.runtime.cluster.FlinkLayout;
import io.freshet.runtime.cluster.KafkaHealth;
import io.freshet.runtime.cluster.ManagedProcess;
import io.freshet.runtime.cluster.ProcessState;
import io.freshet.runtime.cluster.ProcessStatus;
import io.freshet.runtime.flink.FlinkJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ClusterTextTest {
  private static final ClusterLayout LAYOUT =
      ClusterLayout.plan(Path.of("/c"), 3, 9092, "MoVqiui2Qjmc_X0n3ZvRBw", FlinkLayout.defaults(2));

  @Test
  void statusIsATableOfProcessesThenKafkasOwnView() {
    ClusterStatus status =
        new ClusterStatus(
            LAYOUT,
            List.of(
                process(1, OptionalLong.of(27727), ProcessState.RUNNING),
                process(2, OptionalLong.empty(), ProcessState.STOPPED),
                process(3, OptionalLong.of(27740), ProcessState.UNHEALTHY)),
            Optional.of(new KafkaHealth(2, 3, 55, 55, 0)),
            Optional.empty(),
            List.of(
                new FlinkJob("3f1c9a0e5b7d4c2a8e6f0b1d2c3a4e5f", "fraud-detection", "RUNNING", 1L)),
            Optional.empty());
    assertThat(ClusterText.status(status))
        .isEqualTo(
            """
            PROCESS        PID      STATE      PORTS                          LOG
            broker-1       27727    RUNNING    9092 client, 9192 controller   /c/broker-1.log
            broker-2       -        STOPPED    9093 client, 9193 controller   /c/broker-2.log
            broker-3       27740    UNHEALTHY  9094 client, 9194 controller   /c/broker-3.log
            Kafka: 2 of 3 brokers live; 55 partitions, 55 under-replicated, 0 offline
            Bootstrap servers: localhost:9092,localhost:9093,localhost:9094
            Flink: http://localhost:8081
              job fraud-detection          RUNNING      3f1c9a0e5b7d4c2a8e6f0b1d2c3a4e5f
            """);
  }

  @Test
  void noBrokerAnsweringIsSaid() {
    ClusterStatus status =
        new ClusterStatus(
            LAYOUT,
            List.of(process(1, OptionalLong.empty(), ProcessState.STOPPED)),
            Optional.empty(),
            Optional.of("no broker runs"),
            List.of(),
            Optional.of("the JobManager does not run"));
    assertThat(ClusterText.status(status))
        .contains("\nKafka: no broker runs\n")
        .contains("\nFlink: http://localhost:8081 (the JobManager does not run)\n");
  }

  @Test
  void downSaysWhatItStoppedAndWhatWasNotRunning() {
    assertThat(
            ClusterText.down(
                List.of(
                    new ManagedProcess.Stopped(
                        "broker-1", OptionalLong.of(27727), Duration.ofMillis(1900), false),
                    new ManagedProcess.Stopped(
                        "broker-2", OptionalLong.of(27736), Duration.ofSeconds(61), true),
                    new ManagedProcess.Stopped(
                        "broker-3", OptionalLong.empty(), Duration.ZERO, false))))
        .isEqualTo(
            """
            Stopped broker-1 (pid 27727) in 1.9 s
            Stopped broker-2 (pid 27736) in 61.0 s, killed with SIGKILL after the grace period
            broker-3 was not running
            """);
  }

  private static ProcessStatus process(int id, OptionalLong pid, ProcessState state) {
    return new ProcessStatus(
        "broker-" + id,
        pid,
        LAYOUT.brokers().get(id - 1).ports(),
        state,
        Path.of("/c/broker-" + id + ".log"));
  }
}
