package io.freshet.runtime.kafka;

import io.freshet.pipelines.topic.TopicDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Freshet's topics explicitly from their descriptors (the broker never auto-creates), and
 * leaves existing ones alone so a restart keeps its data.
 */
public final class TopicProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private static final long METADATA_RETRY_MILLIS = 100;

  private final Admin admin;
  private final short replicationFactor;

  public TopicProvisioner(Admin admin, short replicationFactor) {
    this.admin = admin;
    this.replicationFactor = replicationFactor;
  }

  /** Creates the missing topics and returns the names it created. */
  public List<String> ensure(Collection<TopicDescriptor<?, ?>> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (TopicDescriptor<?, ?> t : topics) {
      if (!existing.contains(t.name())) {
        missing.add(
            new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.topicConfigs()));
      }
    }
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    }
    warnOnPartitionMismatch(topics);
    return missing.stream().map(NewTopic::name).toList();
  }

  /**
   * Describes the topics, waiting for the broker to learn of ones just created: a KRaft broker
   * applies the controller's metadata asynchronously, so a describe right after create may answer
   * UNKNOWN_TOPIC_OR_PARTITION for a moment, and so would the jobs' first reads.
   */
  private Map<String, TopicDescription> describeOnceVisible(List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        LOG.debug("Topics not yet visible on the broker, describing again: {}", e.getMessage());
        TimeUnit.MILLISECONDS.sleep(METADATA_RETRY_MILLIS);
      }
    }
  }

  private void warnOnPartitionMismatch(Collection<TopicDescriptor<?, ?>> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, TopicDescription> described =
        describeOnceVisible(topics.stream().map(TopicDescriptor::name).toList());
    for (TopicDescriptor<?, ?> t : topics) {
      int actual = described.get(t.name()).partitions().size();
      if (actual != t.partitions()) {
        LOG.warn(
            "Topic {} has {} partitions, Freshet expects {}; keeping the existing topic",
            t.name(),
            actual,
            t.partitions());
      }
    }
  }
}
