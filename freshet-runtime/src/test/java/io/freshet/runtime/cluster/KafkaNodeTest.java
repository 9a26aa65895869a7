package io.freshet.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaNodeTest {
  @TempDir Path dir;

  @Test
  void eachNodeIsBrokerAndControllerOfAThreeVoterQuorumWithReplicationThree() {
    ClusterLayout layout = ClusterLayout.plan(dir, 3, 9092, "cid", FlinkLayout.defaults(2));
    KafkaNode node = new KafkaNode(layout, layout.brokers().get(1), new Jvm(Path.of("java"), "cp"));
    Map<String, String> props = node.serverProperties();
    assertThat(props)
        .containsEntry("node.id", "2")
        .containsEntry("process.roles", "broker,controller")
        .containsEntry(
            "controller.quorum.voters", "1@localhost:9192,2@localhost:9193,3@localhost:9194")
        .containsEntry("listeners", "PLAINTEXT://localhost:9093,CONTROLLER://localhost:9193")
        .containsEntry("advertised.listeners", "PLAINTEXT://localhost:9093")
        .containsEntry("log.dirs", dir.toAbsolutePath().resolve("kafka-2/data").toString())
        .containsEntry("default.replication.factor", "3")
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("offsets.topic.replication.factor", "3")
        .containsEntry("transaction.state.log.replication.factor", "3")
        .containsEntry("transaction.state.log.min.isr", "2")
        .containsEntry("unclean.leader.election.enable", "false")
        .containsEntry("auto.create.topics.enable", "false")
        .containsEntry("message.max.bytes", "10485760")
        .containsEntry("replica.fetch.max.bytes", "10485760");
  }

  @Test
  void theProcessRunsKafkaOnItsOwnPropertiesWithItsOwnFiles() {
    ClusterLayout layout = ClusterLayout.plan(dir, 3, 9092, "cid", FlinkLayout.defaults(2));
    KafkaNode node =
        new KafkaNode(layout, layout.brokers().get(0), new Jvm(Path.of("/jdk/bin/java"), "a:b"));
    ProcessSpec spec = node.process().spec();
    Path root = dir.toAbsolutePath();
    assertThat(spec.name()).isEqualTo("broker-1");
    assertThat(spec.command()).startsWith("/jdk/bin/java").endsWith("kafka.Kafka", spec.marker());
    assertThat(spec.marker()).isEqualTo(root.resolve("kafka-1/server.properties").toString());
    assertThat(spec.environment()).containsEntry("CLASSPATH", "a:b");
    assertThat(spec.pidFile()).isEqualTo(root.resolve("broker-1.pid"));
    assertThat(spec.logFile()).isEqualTo(root.resolve("broker-1.log"));
    assertThat(spec.ports()).containsExactly("9092 client", "9192 controller");
  }
}
