package io.freshet.runtime.deadletter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code dlq list} shows: the dead letters a filter selected, counted by pipeline and error
 * type, and summarised in topic and offset order.
 *
 * @param topics the dead-letter topics that were read
 * @param counts one count per pipeline and error type, ordered by pipeline then error type
 * @param records the selected dead letters
 * @param unreadable records on the topics that were not dead letters at all (logged one by one)
 */
public record DeadLetterListing(
    List<String> topics,
    List<DeadLetterCount> counts,
    List<DeadLetterSummary> records,
    long unreadable) {

  public DeadLetterListing {
    topics = List.copyOf(topics);
    counts = List.copyOf(counts);
    records = List.copyOf(records);
  }

  /** The number of selected dead letters. */
  public long total() {
    return records.size();
  }

  /** Builds a listing from summaries, counting them. */
  public static DeadLetterListing of(
      List<String> topics, List<DeadLetterSummary> records, long unreadable) {
    // Dead letters without a pipeline name still need a place in the counts: nulls sort first.
    Map<DeadLetterCount, Long> counts =
        new TreeMap<>(
            Comparator.comparing(
                    DeadLetterCount::pipeline, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(DeadLetterCount::errorType));
    for (DeadLetterSummary r : records) {
      counts.merge(new DeadLetterCount(r.pipeline(), r.errorType(), 0), 1L, Long::sum);
    }
    List<DeadLetterCount> countList = new ArrayList<>();
    counts.forEach((k, n) -> countList.add(new DeadLetterCount(k.pipeline(), k.errorType(), n)));
    List<DeadLetterSummary> ordered = new ArrayList<>(records);
    ordered.sort(
        Comparator.comparing(DeadLetterSummary::topic)
            .thenComparingInt(DeadLetterSummary::partition)
            .thenComparingLong(DeadLetterSummary::offset));
    return new DeadLetterListing(
        Objects.requireNonNull(topics, "topics"), countList, ordered, unreadable);
  }
}
