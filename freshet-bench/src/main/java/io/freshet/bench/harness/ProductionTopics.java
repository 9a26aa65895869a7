package io.freshet.bench.harness;

import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The production-named topics a real {@code freshet run} creates on the bench's broker: scenarios
 * that start one need them absent first (two such runs must not share a topic) and delete them
 * after, so the next one finds the broker clean.
 */
public final class ProductionTopics {
  private ProductionTopics() {}

  /**
   * The result of a scenario that starts {@code freshet run} on the bench's broker when that broker
   * is not the bench's private embedded one (creating production topics on a user's cluster is not
   * the bench's business), else empty.
   */
  public static Optional<ScenarioResult> skippedOnExternalBroker(
      BenchKafka kafka, String scenario, boolean quick) {
    if (kafka.embeddedBroker().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        new ScenarioResult.Builder(scenario, quick)
            .parameter("skipped", true)
            .note(
                "skipped: "
                    + scenario
                    + " starts freshet run against the bench's broker, which creates Freshet's"
                    + " production topics (transactions, transaction-decisions, ...); that is only"
                    + " done on the bench's private embedded broker, not on the cluster given with"
                    + " --bootstrap-servers")
            .build());
  }

  /**
   * Fails when any topic of {@code pipelines} exists already under its production name.
   *
   * @throws IllegalStateException naming the scenario and the topic
   */
  public static void requireAbsent(BenchKafka kafka, PipelineCatalog pipelines, String scenario)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> existing = kafka.admin().listTopics().names().get(30, TimeUnit.SECONDS);
    for (String topic : names(pipelines)) {
      if (existing.contains(topic)) {
        throw new IllegalStateException(
            scenario
                + " needs a broker without Freshet's production topics, but "
                + topic
                + " already exists on "
                + kafka.bootstrapServers());
      }
    }
  }

  /** Deletes the production topics of {@code pipelines} that exist. */
  public static void delete(BenchKafka kafka, PipelineCatalog pipelines)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> existing = kafka.admin().listTopics().names().get(30, TimeUnit.SECONDS);
    List<String> ours = names(pipelines).stream().filter(existing::contains).toList();
    if (!ours.isEmpty()) {
      kafka.admin().deleteTopics(ours).all().get(60, TimeUnit.SECONDS);
    }
  }

  private static List<String> names(PipelineCatalog pipelines) {
    return pipelines.topics(TopicNaming.PRODUCTION).stream().map(TopicDescriptor::name).toList();
  }
}
