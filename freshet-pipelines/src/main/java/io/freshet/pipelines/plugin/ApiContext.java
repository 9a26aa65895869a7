package io.freshet.pipelines.plugin;

import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.serving.ServingStore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a pipeline's HTTP API is built from: the cluster, the topic naming its job runs under,
 * whether that job is running, and the serving store for what the job has already committed.
 *
 * @param kafka the cluster the job reads and writes
 * @param naming the names the job's topics have
 * @param jobRunning true while the pipeline's Flink job is RUNNING; cheap enough to ask on every
 *     request (the platform answers from a status at most a quarter of a second old)
 * @param store the serving store, empty while it is not open
 */
public record ApiContext(
    KafkaConnection kafka,
    TopicNaming naming,
    BooleanSupplier jobRunning,
    Supplier<Optional<ServingStore>> store) {

  public ApiContext {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(naming, "naming");
    Objects.requireNonNull(jobRunning, "jobRunning");
    Objects.requireNonNull(store, "store");
  }
}
