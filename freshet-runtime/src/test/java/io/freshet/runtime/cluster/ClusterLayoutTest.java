package io.freshet.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLayoutTest {
  @TempDir Path dir;

  @Test
  void threeBrokersOnConsecutiveClientPortsWithControllersAHundredAbove() {
    ClusterLayout layout = ClusterLayout.plan(dir, 3, 9092, "cid", FlinkLayout.defaults(2));
    assertThat(layout.brokers())
        .containsExactly(
            new BrokerLayout(1, 9092, 9192),
            new BrokerLayout(2, 9093, 9193),
            new BrokerLayout(3, 9094, 9194));
    assertThat(layout.bootstrapServers()).isEqualTo("localhost:9092,localhost:9093,localhost:9094");
    assertThat(layout.controllerVoters())
        .isEqualTo("1@localhost:9192,2@localhost:9193,3@localhost:9194");
    assertThat(layout.replicationFactor()).isEqualTo(3);
    assertThat(layout.minInsyncReplicas()).isEqualTo(2);
  }

  @Test
  void replicationFollowsTheBrokerCountUpToThree() {
    assertThat(ClusterLayout.plan(dir, 1, 9092, "c", FlinkLayout.defaults(2)).replicationFactor())
        .isEqualTo(1);
    assertThat(ClusterLayout.plan(dir, 1, 9092, "c", FlinkLayout.defaults(2)).minInsyncReplicas())
        .isEqualTo(1);
    assertThat(ClusterLayout.plan(dir, 2, 9092, "c", FlinkLayout.defaults(2)).replicationFactor())
        .isEqualTo(2);
    assertThat(ClusterLayout.plan(dir, 2, 9092, "c", FlinkLayout.defaults(2)).minInsyncReplicas())
        .isEqualTo(1);
    assertThat(ClusterLayout.plan(dir, 5, 9092, "c", FlinkLayout.defaults(2)).replicationFactor())
        .isEqualTo(3);
    assertThat(ClusterLayout.plan(dir, 5, 9092, "c", FlinkLayout.defaults(2)).minInsyncReplicas())
        .isEqualTo(2);
  }

  @Test
  void theFileGivesBackTheSameLayout() {
    ClusterLayout layout =
        ClusterLayout.plan(dir, 3, 29092, "MkU3OEVBNTcwNTJENDM2Qg", FlinkLayout.defaults(2));
    layout.write();
    assertThat(ClusterLayout.read(dir)).contains(layout);
    assertThat(Files.exists(dir.resolve("cluster.json.tmp"))).isFalse();
  }

  @Test
  void noFileNoLayout() {
    assertThat(ClusterLayout.read(dir)).isEmpty();
  }

  @Test
  void anExistingClusterKeepsItsLayout() {
    ClusterLayout.plan(dir, 3, 29092, "cid", FlinkLayout.defaults(2)).write();
    assertThat(LocalCluster.layout(dir, ClusterRequest.defaults()).clusterId()).isEqualTo("cid");
    assertThat(
            LocalCluster.layout(dir, request(OptionalInt.of(3), OptionalInt.of(29092))).basePort())
        .isEqualTo(29092);
    assertThatThrownBy(
            () -> LocalCluster.layout(dir, request(OptionalInt.of(5), OptionalInt.empty())))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("holds a cluster of 3 brokers from port 29092")
        .hasMessageContaining("--brokers 5 (it has 3)");
    assertThatThrownBy(
            () -> LocalCluster.layout(dir, request(OptionalInt.empty(), OptionalInt.of(9092))))
        .isInstanceOf(ClusterException.class);
  }

  @Test
  void aNewClusterGetsTheDefaultsAndAFreshId() {
    ClusterLayout layout = LocalCluster.layout(dir, ClusterRequest.defaults());
    assertThat(layout.brokers()).hasSize(3);
    assertThat(layout.basePort()).isEqualTo(9092);
    assertThat(layout.clusterId()).hasSize(22);
    assertThat(ClusterLayout.read(dir)).as("planning writes nothing").isEmpty();
  }

  @Test
  void portsBeyondTheRangeAreRefused() {
    assertThatThrownBy(() -> ClusterLayout.plan(dir, 3, 65_434, "c", FlinkLayout.defaults(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("highest controller port");
    assertThatThrownBy(() -> ClusterLayout.plan(dir, 0, 9092, "c", FlinkLayout.defaults(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  private static ClusterRequest request(OptionalInt brokers, OptionalInt basePort) {
    OptionalInt none = OptionalInt.empty();
    return new ClusterRequest(brokers, basePort, none, none, none, none);
  }
}
