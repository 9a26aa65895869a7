package io.freshet.runtime.topics;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What {@code GET /api/topics} answers: every topic, and the rate at which each grew.
 *
 * @param recordsPerSecond per topic name, the growth of its end offsets per second over the rate
 *     window; a topic without a rate (first sample, or recreated since) is absent
 * @param rateWindowMs the span the rates were measured over, empty until two samples exist
 */
public record TopicsReport(
    List<TopicInfo> topics, Map<String, Double> recordsPerSecond, OptionalLong rateWindowMs) {
  public TopicsReport {
    topics = List.copyOf(topics);
    recordsPerSecond = Map.copyOf(recordsPerSecond);
  }
}
