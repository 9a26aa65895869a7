package io.freshet.bench.harness;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when everything written to output topics is visible to read_committed consumers: when no
 * partition has an open transaction, the last stable offset equals the log end offset.
 */
public final class OutputVisibility {
  private OutputVisibility() {}

  /**
   * Waits until no partition of {@code topics} has an open transaction and returns {@link
   * System#nanoTime()} then; cheap enough to call right after a job finished.
   */
  public static long awaitNoOpenTransactions(
      Admin admin, Collection<String> topics, Duration deadline) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin
        .describeTopics(topics)
        .allTopicNames()
        .get(30, TimeUnit.SECONDS)
        .forEach(
            (name, description) ->
                description
                    .partitions()
                    .forEach(
                        p ->
                            latest.put(
                                new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      Map<TopicPartition, ListOffsetsResultInfo> stable =
          admin
              .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .all()
              .get(30, TimeUnit.SECONDS);
      long now = System.nanoTime();
      Map<TopicPartition, ListOffsetsResultInfo> logEnd =
          admin
              .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
              .all()
              .get(30, TimeUnit.SECONDS);
      boolean allStable =
          logEnd.entrySet().stream()
              .allMatch(e -> stable.get(e.getKey()).offset() == e.getValue().offset());
      if (allStable) {
        return now;
      }
      if (now > end) {
        throw new IllegalStateException(
            "transactions still open on " + topics + " after " + deadline);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
