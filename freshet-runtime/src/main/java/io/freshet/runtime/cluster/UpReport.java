package io.freshet.runtime.cluster;

import java.util.List;

/**
 * What {@code cluster up} did.
 *
 * @param started the processes it started
 * @param alreadyRunning the processes it found running and left alone
 * @param formatted the Kafka nodes whose storage it formatted, i.e. that are new
 * @param createdTopics the topics it created; the others existed
 * @param status the cluster once healthy
 */
public record UpReport(
    List<String> started,
    List<String> alreadyRunning,
    List<String> formatted,
    List<String> createdTopics,
    ClusterStatus status) {

  public UpReport {
    started = List.copyOf(started);
    alreadyRunning = List.copyOf(alreadyRunning);
    formatted = List.copyOf(formatted);
    createdTopics = List.copyOf(createdTopics);
  }
}
