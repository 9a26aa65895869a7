package io.freshet.it;

import io.freshet.runtime.config.FreshetConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The configuration the integration tests start Freshet with: free ports, no demo traffic, fast
 * checkpoints, documented defaults otherwise.
 */
final class TestConfigs {
  /** The bearer token HTTP writes of the test instances present. */
  static final String API_TOKEN = "integration-test-token";

  private TestConfigs() {}

  /** An embedded instance under {@code dataDir} with the default source idleness. */
  static FreshetConfig inProcess(Path dataDir) {
    return inProcess(dataDir, FreshetConfig.defaults().sourceIdleness());
  }

  /**
   * An embedded instance whose partitions stop holding back the watermark after {@code
   * sourceIdleness}, for tests whose data runs out on some partitions.
   */
  static FreshetConfig inProcess(Path dataDir, Duration sourceIdleness) {
    return FreshetConfig.builder()
        .dataDir(dataDir)
        .kafkaPort(0)
        .controllerPort(0)
        .httpPort(0)
        .flinkPort(0)
        .apiToken(API_TOKEN)
        .demo(false)
        .demoRate(1)
        .parallelism(2)
        .checkpointInterval(Duration.ofMillis(500))
        .sourceIdleness(sourceIdleness)
        .build();
  }
}
