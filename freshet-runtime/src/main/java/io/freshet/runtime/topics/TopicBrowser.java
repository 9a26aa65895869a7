package io.freshet.runtime.topics;

import io.freshet.pipelines.kafka.KafkaConnection;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * Reads what the Topics page shows from the cluster: the topics with their offsets and retention, a
 * topic's messages, and the consumer groups' lag. Every call finishes within its timeout.
 */
public final class TopicBrowser {
  /** The most records one browse examines by default. */
  public static final int DEFAULT_SCAN_LIMIT = 10_000;

  private final TopicListing topics;
  private final MessageScanner messages;
  private final GroupLagListing groups;

  /**
   * @param admin an Admin client of the cluster, owned by the caller
   * @param kafka the cluster, for the browsing consumer
   * @param timeout how long one call may take, Kafka unreachable or not
   * @param scanLimit the most records one browse examines
   */
  public TopicBrowser(Admin admin, KafkaConnection kafka, Duration timeout, int scanLimit) {
    if (scanLimit < 1) {
      throw new IllegalArgumentException("scanLimit must be positive, not " + scanLimit);
    }
    this.topics = new TopicListing(admin, timeout);
    this.messages = new MessageScanner(admin, kafka, timeout, scanLimit);
    this.groups = new GroupLagListing(admin, timeout);
  }

  /** Every topic but Kafka's internal ones, by name. */
  public List<TopicInfo> topics() throws InterruptedException {
    return topics.topics();
  }

  /**
   * The messages the query selects.
   *
   * @throws UnknownTopicException when the topic does not exist
   * @throws IllegalArgumentException when the query names a partition the topic does not have
   */
  public MessagePage messages(MessageQuery query) throws InterruptedException {
    return messages.messages(query);
  }

  /**
   * Every consumer group with its state and, per partition it committed an offset for, the
   * committed offset, the end offset and the lag, by group id.
   */
  public List<GroupLag> consumerGroups() throws InterruptedException {
    return groups.consumerGroups();
  }
}
