package io.freshet.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.pipelines.fraud.FraudPipeline;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.topic.TopicNaming;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {
  private static final PipelineCatalog CATALOG = PipelineCatalog.discovered();

  @Test
  void theFewestArgumentsGiveProductionNamesNoStoreAndTheDefaults() {
    JobArguments args =
        JobArguments.parse(
            new String[] {"--pipeline", "fraud", "--bootstrap-servers", "k1:9092,k2:9092"},
            CATALOG);
    assertThat(args.pipeline().name()).isEqualTo("fraud-detection");
    assertThat(args.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(args.naming()).isEqualTo(TopicNaming.PRODUCTION);
    assertThat(args.storeUrl()).isEmpty();
    assertThat(args.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(args.settings().get(FraudPipeline.VELOCITY_MAX_COUNT)).isEqualTo(5);
    assertThat(PipelineJobMain.jobConfiguration(args).toMap())
        .containsEntry("execution.checkpointing.interval", "1000 ms")
        .containsEntry("execution.checkpointing.mode", "EXACTLY_ONCE")
        .containsEntry("pipeline.generic-types", "false");
  }

  @Test
  void everyOptionIsRead() {
    JobArguments args =
        JobArguments.parse(
            new String[] {
              "--pipeline", "fraud-detection",
              "--bootstrap-servers", "k:9092",
              "--kafka-property", "security.protocol=SASL_SSL",
              "--kafka-property", "sasl.mechanism=PLAIN",
              "--topic-prefix", "shadow-v2.",
              "--store", "jdbc:postgresql://db/freshet",
              "--checkpoint-interval", "500ms",
              "--max-out-of-orderness", "5s",
              "--source-idleness", "1m",
              "--velocity-max-count", "3"
            },
            CATALOG);
    assertThat(args.kafkaProperties())
        .isEqualTo(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));
    assertThat(args.naming()).isEqualTo(TopicNaming.prefixed("shadow-v2."));
    assertThat(args.storeUrl()).isEqualTo(Optional.of("jdbc:postgresql://db/freshet"));
    assertThat(args.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(args.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(5));
    assertThat(args.sourceIdleness()).isEqualTo(Duration.ofMinutes(1));
    assertThat(args.settings().get(FraudPipeline.VELOCITY_MAX_COUNT)).isEqualTo(3);
    assertThat(args.context().kafka().clientConfig()).containsEntry("sasl.mechanism", "PLAIN");
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    assertThatThrownBy(
            () ->
                JobArguments.parse(
                    new String[] {
                      "--pipeline", "nope",
                      "--store", "jdbc:duckdb:/data/serving.duckdb",
                      "--checkpoint-interval", "soon",
                      "--colour", "blue"
                    },
                    CATALOG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--pipeline: no pipeline nope")
        .hasMessageContaining("--bootstrap-servers is required")
        .hasMessageContaining("a DuckDB file belongs to one process")
        .hasMessageContaining("--checkpoint-interval: 'soon' is not a duration")
        .hasMessageContaining("unknown option --colour");
  }

  @Test
  void aSettingIsCheckedAndOnlyThePipelinesOwnAreTaken() {
    assertThatThrownBy(
            () ->
                JobArguments.parse(
                    new String[] {
                      "--pipeline",
                      "fraud",
                      "--bootstrap-servers",
                      "k:9092",
                      "--velocity-max-count",
                      "0"
                    },
                    CATALOG))
        .hasMessageContaining("--velocity-max-count must be at least 1, was 0");
    assertThatThrownBy(
            () ->
                JobArguments.parse(
                    new String[] {
                      "--pipeline",
                      "fraud",
                      "--bootstrap-servers",
                      "k:9092",
                      "--allowed-lateness",
                      "5m"
                    },
                    CATALOG))
        .hasMessageContaining("unknown option --allowed-lateness");
  }

  @Test
  void anOptionWithoutAValueIsRefused() {
    assertThatThrownBy(() -> JobArguments.parse(new String[] {"--pipeline"}, CATALOG))
        .hasMessage("Invalid job arguments: --pipeline has no value");
  }
}
