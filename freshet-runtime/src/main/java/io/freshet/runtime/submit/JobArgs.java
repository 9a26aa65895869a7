package io.freshet.runtime.submit;

import io.freshet.pipelines.plugin.JobOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The job jar's program arguments for one pipeline, built from typed values so that {@code submit},
 * {@code upgrade} and {@code chaos} pass the same ones.
 *
 * @param pipeline the pipeline's name
 * @param bootstrapServers the Kafka cluster
 * @param kafkaProperties extra Kafka client properties
 * @param topicPrefix the topic prefix, empty for production names
 * @param store the serving store's JDBC URL, empty for none
 * @param checkpointInterval the checkpoint interval, empty for the job's default
 * @param settings the pipeline's settings as {@code --option value} pairs, as given
 */
public record JobArgs(
    String pipeline,
    String bootstrapServers,
    Map<String, String> kafkaProperties,
    Optional<String> topicPrefix,
    Optional<String> store,
    Optional<Duration> checkpointInterval,
    List<String> settings) {

  public JobArgs {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    kafkaProperties = Map.copyOf(kafkaProperties);
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    settings = List.copyOf(settings);
  }

  /** Production names, no store, default checkpoints and settings. */
  public static JobArgs of(String pipeline, String bootstrapServers) {
    return new JobArgs(
        pipeline,
        bootstrapServers,
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  /** The same with these settings pairs. */
  public JobArgs withSettings(List<String> newSettings) {
    return new JobArgs(
        pipeline,
        bootstrapServers,
        kafkaProperties,
        topicPrefix,
        store,
        checkpointInterval,
        newSettings);
  }

  /**
   * The job's name: the pipeline's, under the topic prefix when there is one, so that the same
   * pipeline under two namings (production and a shadow replay, say) runs as two jobs side by side.
   */
  public String jobName() {
    return topicPrefix.orElse("") + pipeline;
  }

  /** The program arguments. */
  public List<String> toList() {
    List<String> args = new ArrayList<>();
    args.addAll(List.of(JobOptions.PIPELINE, pipeline));
    args.addAll(List.of(JobOptions.BOOTSTRAP_SERVERS, bootstrapServers));
    kafkaProperties.forEach(
        (key, value) -> args.addAll(List.of(JobOptions.KAFKA_PROPERTY, key + "=" + value)));
    topicPrefix.ifPresent(p -> args.addAll(List.of(JobOptions.TOPIC_PREFIX, p)));
    args.addAll(List.of(JobOptions.STORE, store.orElse(JobOptions.NO_STORE)));
    checkpointInterval.ifPresent(
        i -> args.addAll(List.of(JobOptions.CHECKPOINT_INTERVAL, i.toMillis() + "ms")));
    args.addAll(settings);
    return args;
  }
}
