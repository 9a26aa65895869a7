package io.freshet.it;

import io.freshet.runtime.config.FreshetConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The configuration the integration tests start Freshet with: free ports, no demo traffic, fast
 * checkpoints, documented defaults otherwise.
 */
final class TestConfigs {
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
    FreshetConfig d = FreshetConfig.defaults();
    return new FreshetConfig(
        dataDir,
        Optional.empty(),
        0,
        0,
        0,
        false,
        1,
        2,
        Duration.ofMillis(500),
        d.maxOutOfOrderness(),
        sourceIdleness,
        d.fraudRules(),
        d.latencySlas(),
        d.allowedLateness(),
        d.anomalies(),
        d.sensorLimits(),
        d.stateBackend());
  }
}
