package io.freshet.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --kafka-config}: read as Java properties, refused where Freshet sets the key itself. */
class KafkaClientConfigTest {
  @TempDir Path dir;

  @Test
  void theFilesPropertiesAreRead() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file, "# TLS\nsecurity.protocol=SSL\nssl.truststore.location = /etc/t.p12 \n");

    assertThat(KafkaClientConfig.load(file))
        .isEqualTo(Map.of("security.protocol", "SSL", "ssl.truststore.location", "/etc/t.p12"));
  }

  @Test
  void keysFreshetSetsItselfAndMissingFilesAreRefused() throws Exception {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "bootstrap.servers=x:1\ngroup.id=g\n");

    assertThatThrownBy(() -> KafkaClientConfig.load(file))
        .hasMessageContaining("sets bootstrap.servers, group.id, which Freshet sets itself");
    assertThatThrownBy(() -> KafkaClientConfig.load(dir.resolve("none.properties")))
        .hasMessageContaining("none.properties cannot be read");
  }

  @Test
  void aClientConfigNeedsAnExternalCluster() {
    FreshetConfig embedded =
        FreshetConfig.builder().kafkaConfig(Map.of("security.protocol", "SSL")).build();

    assertThatThrownBy(embedded::validate)
        .hasMessageContaining("--kafka-config is for an external cluster: add --bootstrap-servers");
    assertThat(
            embedded.toBuilder().bootstrapServers("kafka-1:9093").build().validate().kafkaConfig())
        .containsEntry("security.protocol", "SSL");
  }
}
