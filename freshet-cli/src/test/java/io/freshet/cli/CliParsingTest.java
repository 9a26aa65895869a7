package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.pipelines.iot.IotPipelineSettings;
import io.freshet.pipelines.iot.IotSettings;
import io.freshet.pipelines.plugin.WindowSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CliParsingTest {
  @Test
  void durationsInShortAndIsoForm() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("1s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.convert("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(c.convert("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(c.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> c.convert("soon"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("'soon' is not a duration");
  }

  @Test
  void produceLinesAreKeyTabJsonOrKeyedByPartitionKey() {
    assertThat(ProduceCommand.KeyedLine.parse("cust-1\t{\"a\":1}"))
        .isEqualTo(new ProduceCommand.KeyedLine("cust-1", "{\"a\":1}"));
    assertThat(ProduceCommand.KeyedLine.parse("{\"partition_key\":\"cust-2\",\"x\":\"a\\tb\"}"))
        .isEqualTo(
            new ProduceCommand.KeyedLine(
                "cust-2", "{\"partition_key\":\"cust-2\",\"x\":\"a\\tb\"}"));
    assertThat(ProduceCommand.KeyedLine.parse("not json"))
        .isEqualTo(new ProduceCommand.KeyedLine(null, "not json"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "produce",
        "tail",
        "status",
        "sql",
        "size",
        "dlq",
        "dlq list",
        "dlq show",
        "dlq replay",
        "cluster",
        "cluster up",
        "cluster status",
        "cluster down"
      })
  void everyCommandHasHelp(String command) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new FreshetCommand()).setOut(new PrintWriter(out));
    String[] args = (command + " --help").split(" ");
    assertThat(cli.execute(args)).isZero();
    assertThat(out.toString()).startsWith("Usage: freshet " + command);
  }

  @Test
  void runDefaultsMatchTheDocumentation() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs();
    assertThat(run.demo).isTrue();
    assertThat(run.kafkaPort).isEqualTo(9092);
    assertThat(run.httpPort).isEqualTo(8080);
    assertThat(run.settings().get(WindowSettings.ALLOWED_LATENESS))
        .isEqualTo(Duration.ofMinutes(5));
    new CommandLine(run).parseArgs("--no-demo", "--rate", "500");
    assertThat(run.demo).isFalse();
    assertThat(run.rate).isEqualTo(500);
  }

  @Test
  void jobManagerReachesTheConfigurationAndIsNoneByDefault() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs();
    assertThat(run.config().jobManager()).isEmpty();
    new CommandLine(run)
        .parseArgs("--jobmanager", "jm-1:8081", "--bootstrap-servers", "kafka-1:9092");
    assertThat(run.config().jobManager()).contains("jm-1:8081");
  }

  @Test
  void latencySlaOverridesOnePipelineAndKeepsTheOtherDefaults() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--latency-sla", "fraud-detection=250ms");
    assertThat(run.latencySlas())
        .containsEntry("fraud-detection", Duration.ofMillis(250))
        .containsEntry("iot-monitoring", Duration.ofSeconds(3))
        .containsEntry("clickstream", Duration.ofSeconds(60));
  }

  @Test
  void anomalyAndSensorLimitFlagsOverrideTheDefaults() {
    RunCommand run = new RunCommand();
    new CommandLine(run)
        .parseArgs(
            "--anomaly-z", "4.5", "--anomaly-half-life", "6", "--sensor-limit", "temperature=80");
    IotSettings iot = IotPipelineSettings.of(run.settings());
    assertThat(iot.anomalies().zThreshold()).isEqualTo(4.5);
    assertThat(iot.anomalies().halfLifeWindows()).isEqualTo(6.0);
    assertThat(iot.anomalies().warmUpWindows()).isEqualTo(12);
    assertThat(iot.thresholds().limit(io.freshet.core.iot.SensorType.TEMPERATURE).max())
        .isEqualTo(80.0);
    assertThat(iot.thresholds().limit(io.freshet.core.iot.SensorType.POWER).max()).isEqualTo(500.0);
  }

  @Test
  void anUnknownSensorTypeIsRefusedWithTheKnownOnes() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--sensor-limit", "radiation=1");
    org.assertj.core.api.Assertions.assertThatThrownBy(run::settings)
        .hasMessage(
            "--sensor-limit: unknown sensor type 'radiation'; expected temperature, pressure,"
                + " vibration, humidity or power");
  }
}
