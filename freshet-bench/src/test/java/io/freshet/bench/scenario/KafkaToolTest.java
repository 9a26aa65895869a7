package io.freshet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaToolTest {

  @Test
  void nonZeroExitQuotesTheToolsOutput(@TempDir Path dir) {
    // Without arguments EndToEndLatency prints its usage to stderr and exits 1; no broker needed.
    assertThatThrownBy(
            () ->
                KafkaTool.run(
                    KafkaLimitScenario.END_TO_END_TOOL, List.of(), dir, Duration.ofMinutes(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EndToEndLatency exited with 1")
        .hasMessageContaining("-cp <classpath> org.apache.kafka.tools.EndToEndLatency")
        .hasMessageContaining("USAGE: java org.apache.kafka.tools.EndToEndLatency broker_list");
  }
}
