package io.freshet.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class FreshetRunProcessTest {
  @Test
  void childJvmsGetTheOpensOfJvmOpensTxtAsThisTestJvmDid() {
    assertThat(FreshetRunProcess.JVM_OPENS)
        .hasSizeGreaterThan(5)
        .allMatch(flag -> flag.startsWith("--add-opens=java.base/"))
        .contains("--add-opens=java.base/java.lang=ALL-UNNAMED");
    // Surefire's argLine passes @jvm-opens.txt; the launcher expands it into these flags.
    assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments())
        .containsAll(FreshetRunProcess.JVM_OPENS);
  }
}
