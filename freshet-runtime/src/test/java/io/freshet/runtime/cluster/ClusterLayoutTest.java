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
    ClusterLayout layout = ClusterLayout.plan(dir, 3, 9092, "cid");
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
    assertThat(ClusterLayout.plan(dir, 1, 9092, "c").replicationFactor()).isEqualTo(1);
    assertThat(ClusterLayout.plan(dir, 1, 9092, "c").minInsyncReplicas()).isEqualTo(1);
    assertThat(ClusterLayout.plan(dir, 2, 9092, "c").replicationFactor()).isEqualTo(2);
    assertThat(ClusterLayout.plan(dir, 2, 9092, "c").minInsyncReplicas()).isEqualTo(1);
    assertThat(ClusterLayout.plan(dir, 5, 9092, "c").replicationFactor()).isEqualTo(3);
    assertThat(ClusterLayout.plan(dir, 5, 9092, "c").minInsyncReplicas()).isEqualTo(2);
  }

  @Test
  void theFileGivesBackTheSameLayout() {
    ClusterLayout layout = ClusterLayout.plan(dir, 3, 29092, "MkU3OEVBNTcwNTJENDM2Qg");
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
    ClusterLayout.plan(dir, 3, 29092, "cid").write();
    assertThat(LocalCluster.layout(dir, OptionalInt.empty(), OptionalInt.empty()).clusterId())
        .isEqualTo("cid");
    assertThat(LocalCluster.layout(dir, OptionalInt.of(3), OptionalInt.of(29092)).basePort())
        .isEqualTo(29092);
    assertThatThrownBy(() -> LocalCluster.layout(dir, OptionalInt.of(5), OptionalInt.empty()))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("holds a cluster of 3 brokers from port 29092");
    assertThatThrownBy(() -> LocalCluster.layout(dir, OptionalInt.empty(), OptionalInt.of(9092)))
        .isInstanceOf(ClusterException.class);
  }

  @Test
  void aNewClusterGetsTheDefaultsAndAFreshId() {
    ClusterLayout layout = LocalCluster.layout(dir, OptionalInt.empty(), OptionalInt.empty());
    assertThat(layout.brokers()).hasSize(3);
    assertThat(layout.basePort()).isEqualTo(9092);
    assertThat(layout.clusterId()).hasSize(22);
    assertThat(ClusterLayout.read(dir)).as("planning writes nothing").isEmpty();
  }

  @Test
  void portsBeyondTheRangeAreRefused() {
    assertThatThrownBy(() -> ClusterLayout.plan(dir, 3, 65_434, "c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("highest controller port");
    assertThatThrownBy(() -> ClusterLayout.plan(dir, 0, 9092, "c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
