package io.freshet.runtime.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TaskManager memory RocksDB gets: read as Flink writes sizes, bounded, and applied. */
class ManagedMemoryTest {
  @TempDir Path dir;

  @Test
  void sizesAreReadAsFlinkWritesThemAndPrintedSoTheyReadBack() {
    assertThat(ManagedMemory.parse("512m").bytes()).isEqualTo(512L << 20);
    assertThat(ManagedMemory.parse(" 2g ").bytes()).isEqualTo(2L << 30);
    assertThat(ManagedMemory.parse("100000000").bytes()).isEqualTo(100_000_000L);
    assertThat(ManagedMemory.DEFAULT).hasToString("1g");
    for (String text : new String[] {"1g", "768m", "100000000"}) {
      assertThat(ManagedMemory.parse(text)).hasToString(text);
    }
  }

  @Test
  void aSizeThatIsNoneOrTooSmallIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> ManagedMemory.parse("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--managed-memory 'lots' is not a size such as 512m or 2g");
    assertThatThrownBy(() -> ManagedMemory.parse("32m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--managed-memory must be at least 64m, was 32m");
  }

  @Test
  void theEmbeddedTaskManagerHasTheManagedMemoryGiven() throws Exception {
    // Given an embedded cluster started with 192 MiB for RocksDB
    FlinkSettings settings =
        new FlinkSettings(
            1, Duration.ofSeconds(1), dir.resolve("checkpoints"), StateBackendKind.ROCKSDB);
    try (EmbeddedFlink flink = EmbeddedFlink.start(settings, 1, ManagedMemory.parse("192m"), 0)) {
      // When Flink's REST API describes its TaskManager (once it has registered)
      URI taskManagers = URI.create(flink.restAddress() + "/taskmanagers");
      JsonNode taskManager =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> firstTaskManager(taskManagers), node -> !node.isMissingNode());
      // Then its managed memory is exactly that
      assertThat(taskManager.path("memoryConfiguration").path("managedMemory").asLong())
          .isEqualTo(192L << 20);
    }
  }

  private static JsonNode firstTaskManager(URI taskManagers) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(taskManagers).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body()).path("taskmanagers").path(0);
  }
}
