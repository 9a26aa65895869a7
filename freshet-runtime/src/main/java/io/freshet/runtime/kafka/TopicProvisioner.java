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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Freshet's topics explicitly from their descriptors (the broker never auto-creates), and
 * leaves existing ones alone so a restart keeps its data.
 */
public final class TopicProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

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

  private void warnOnPartitionMismatch(Collection<TopicDescriptor<?, ?>> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, TopicDescription> described =
        admin
            .describeTopics(topics.stream().map(TopicDescriptor::name).toList())
            .allTopicNames()
            .get(30, TimeUnit.SECONDS);
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
