package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.plugin.Setting;
import io.freshet.pipelines.plugin.WindowSettings;
import io.freshet.runtime.config.InvalidConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code freshet run}'s options: per-pipeline ones from the registered pipelines' settings, and the
 * HTTP listener's safe default.
 */
class RunPipelineOptionsTest {
  @Test
  void helpListsEverySettingOfEveryRegisteredPipelineWithItsOwners() {
    // Given the registered pipelines
    PipelineCatalog catalog = PipelineCatalog.discovered();
    // When run --help is printed
    StringWriter out = new StringWriter();
    new CommandLine(new FreshetCommand()).setOut(new PrintWriter(out)).execute("run", "--help");
    // Then each setting is an option, labelled with the pipelines that declare it
    String help = out.toString().replaceAll("\\s+", " ");
    for (Setting<?> setting : catalog.settings()) {
      assertThat(help).contains(setting.option() + "=" + setting.paramLabel());
    }
    assertThat(help)
        .contains("[iot-monitoring, clickstream] How long after a window ends")
        .contains("[iot-monitoring] IoT anomaly when |z|")
        .contains("--pipelines=NAME[,NAME...]")
        .contains("fraud, iot, clickstream");
  }

  @Test
  void pipelinesSelectsASubsetByNameOrAlias() {
    // Given --pipelines with an alias and a full name
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--pipelines", "fraud,clickstream", "--allowed-lateness", "2m");
    // When the configuration is built
    var config = run.config().validate();
    // Then only those pipelines run, with the shared setting given once
    assertThat(config.pipelines().names()).containsExactly("fraud-detection", "clickstream");
    assertThat(config.setting(WindowSettings.ALLOWED_LATENESS)).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.latencySlas()).containsOnlyKeys("fraud-detection", "clickstream");
  }

  @Test
  void anUnknownPipelineAndABadSettingAreReportedTogether() {
    // Given an unknown pipeline name
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--pipelines", "fraud,trading");
    // Then start-up validation names it and the known ones
    assertThatThrownBy(() -> run.config().validate())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown pipeline(s) trading")
        .hasMessageContaining("fraud-detection|fraud");

    // Given a setting out of range
    RunCommand negative = new RunCommand();
    new CommandLine(negative).parseArgs("--anomaly-warm-up", "0");
    // Then its option and the reason are named
    assertThatThrownBy(() -> negative.config().validate())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--anomaly-warm-up must be at least 1, was 0");
  }

  @Test
  void httpListensOnLoopbackUnlessAnotherHostComesWithAToken() {
    // Given no HTTP option
    RunCommand plain = new RunCommand();
    new CommandLine(plain).parseArgs();
    // Then the API listens on loopback
    assertThat(plain.config().validate().httpHost()).isEqualTo("127.0.0.1");

    // Given every interface and no token
    RunCommand open = new RunCommand();
    new CommandLine(open).parseArgs("--http-host", "0.0.0.0");
    // Then start-up is refused, saying what to add
    assertThatThrownBy(() -> open.config().validate())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--http-host 0.0.0.0 is reachable from other machines")
        .hasMessageContaining("add --api-token TOKEN");

    // Given every interface with a token
    RunCommand guarded = new RunCommand();
    new CommandLine(guarded).parseArgs("--http-host", "0.0.0.0", "--api-token", "s3cret-token");
    // Then it starts there
    assertThat(guarded.config().validate().httpHost()).isEqualTo("0.0.0.0");
  }

  @Test
  void managedMemoryDefaultsToOneGibibyteAndTakesAFlinkSize() {
    // Given no option, then one of 4g
    RunCommand plain = new RunCommand();
    new CommandLine(plain).parseArgs();
    RunCommand large = new RunCommand();
    new CommandLine(large).parseArgs("--managed-memory", "4g");
    // Then the TaskManager gets the default, then exactly that
    assertThat(plain.config().validate().managedMemory().bytes()).isEqualTo(1L << 30);
    assertThat(large.config().validate().managedMemory().bytes()).isEqualTo(4L << 30);

    // Given a size too small for RocksDB's write buffers
    RunCommand tiny = new RunCommand();
    new CommandLine(tiny).parseArgs("--managed-memory", "16m");
    // Then start-up is refused, naming the option and the least allowed
    assertThatThrownBy(tiny::config)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--managed-memory must be at least 64m, was 16m");
  }
}
