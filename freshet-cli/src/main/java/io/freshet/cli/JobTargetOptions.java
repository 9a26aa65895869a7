package io.freshet.cli;

import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.runtime.flink.FlinkRest;
import io.freshet.runtime.submit.JobArgs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code submit} and {@code upgrade} share: where the jobs run and what they read and
 * write, turned into the job jar's arguments the same way for both.
 */
public final class JobTargetOptions {
  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT[,...]",
      description = "The Kafka cluster the jobs read and write.")
  String bootstrapServers;

  @Mixin KafkaConfigOption kafkaConfig = new KafkaConfigOption();

  @Option(
      names = "--jobmanager",
      paramLabel = "HOST:PORT",
      description = "The Flink JobManager's REST address (default: ${DEFAULT-VALUE}).")
  String jobManager = "localhost:8081";

  @Option(
      names = "--store",
      paramLabel = "JDBC_URL",
      description =
          "Serving store the jobs upsert into: jdbc:postgresql://… (a DuckDB file belongs to one"
              + " process, so none on a cluster), or none (default).")
  String store;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      description = "Prefix of every topic, consumer group and transactional id.")
  String topicPrefix;

  @Option(
      names = "--checkpoint-interval",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "How often the jobs are checkpointed, and so commit their outputs (default: 1s).")
  Duration checkpointInterval;

  @Option(
      names = "--timeout",
      converter = DurationConverter.class,
      description = "How long each step may take (default: 2m).")
  Duration timeout = Duration.ofMinutes(2);

  /** The JobManager's REST API. */
  FlinkRest rest() {
    return FlinkRest.of(jobManager);
  }

  /** The job jar's arguments for {@code pipeline} with these settings pairs. */
  JobArgs args(FreshetPipeline pipeline, List<String> settings) {
    return new JobArgs(
        pipeline.name(),
        bootstrapServers,
        kafkaConfig.properties(),
        Optional.ofNullable(topicPrefix),
        Optional.ofNullable(store),
        Optional.ofNullable(checkpointInterval),
        settings);
  }
}
