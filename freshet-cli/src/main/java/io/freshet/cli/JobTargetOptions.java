package io.freshet.cli;

import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.cluster.ClusterException;
import io.freshet.runtime.flink.FlinkRest;
import io.freshet.runtime.kafka.TopicProvisioner;
import io.freshet.runtime.submit.JobArgs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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

  /**
   * Creates the topics of {@code pipelines} that are missing, under the topic prefix, with three
   * replicas or one per broker when there are fewer: a job fails on a topic that does not exist.
   *
   * @return the topics created
   */
  List<String> ensureTopics(List<FreshetPipeline> pipelines) throws InterruptedException {
    TopicNaming naming =
        topicPrefix == null ? TopicNaming.PRODUCTION : TopicNaming.prefixed(topicPrefix);
    Properties props = kafkaConfig.connection(bootstrapServers).clientProperties();
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "freshet-submit");
    try (Admin admin = Admin.create(props)) {
      int brokers = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
      return new TopicProvisioner(admin, (short) Math.min(3, brokers))
          .ensure(PipelineCatalog.of(pipelines).topics(naming));
    } catch (ExecutionException | TimeoutException e) {
      throw new ClusterException(
          "Cannot create the pipelines' topics on " + bootstrapServers + ": " + e.getMessage(), e);
    }
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
