package io.freshet.runtime.topics;

import io.freshet.core.time.Timestamps;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.IsolationLevel;

/**
 * One browse of a topic's messages: which partitions, where to start, how many to return, which to
 * keep, and whether records of aborted or open transactions are seen.
 *
 * @param partition the one partition to read, or empty for all (or those {@link
 *     StartPosition.AtOffsets} names)
 * @param limit how many messages to return, 1 to {@value #MAX_LIMIT}
 */
public record MessageQuery(
    String topic,
    OptionalInt partition,
    StartPosition start,
    int limit,
    MessageFilter filter,
    IsolationLevel isolation) {

  /** The messages returned when no limit is asked for. */
  public static final int DEFAULT_LIMIT = 50;

  /** The most messages one browse returns. */
  public static final int MAX_LIMIT = 500;

  private static final Set<String> PARAMETERS =
      Set.of("partition", "offset", "timestamp", "limit", "key", "header", "field", "isolation");

  public MessageQuery {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(isolation, "isolation");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
    }
  }

  /**
   * The query the HTTP parameters describe: {@code partition}, {@code offset} (a number, {@code
   * earliest}, {@code latest} or {@code partition:offset,...}) or {@code timestamp} (ISO-8601 or
   * epoch milliseconds), {@code limit}, {@code key}, {@code header}, {@code field}, {@code
   * isolation} ({@code read_committed}, the default, or {@code read_uncommitted}). An empty value
   * counts as not given; an unknown or repeated parameter is refused rather than ignored.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static MessageQuery parse(String topic, Map<String, List<String>> params) {
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      if (!PARAMETERS.contains(p.getKey())) {
        throw new IllegalArgumentException(
            "unknown parameter '"
                + p.getKey()
                + "'; a browse takes partition, offset, timestamp, limit, key, header, field and"
                + " isolation");
      }
      if (p.getValue().size() > 1) {
        throw new IllegalArgumentException("give " + p.getKey() + " once");
      }
    }
    Optional<String> offset = param(params, "offset");
    Optional<String> timestamp = param(params, "timestamp");
    if (offset.isPresent() && timestamp.isPresent()) {
      throw new IllegalArgumentException("give offset or timestamp, not both");
    }
    OptionalInt partition =
        param(params, "partition")
            .map(p -> OptionalInt.of((int) number("partition", p, Integer.MAX_VALUE)))
            .orElse(OptionalInt.empty());
    StartPosition start =
        timestamp.isPresent()
            ? new StartPosition.AtTimestamp(timestamp(timestamp.get()))
            : offset.map(MessageQuery::offset).orElse(new StartPosition.Earliest());
    if (start instanceof StartPosition.AtOffsets at
        && partition.isPresent()
        && !at.offsets().containsKey(partition.getAsInt())) {
      throw new IllegalArgumentException(
          "offset names partitions "
              + new TreeSet<>(at.offsets().keySet())
              + " but partition is "
              + partition.getAsInt());
    }
    int limit =
        param(params, "limit")
            .map(l -> (int) number("limit", l, Integer.MAX_VALUE))
            .orElse(DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
    }
    MessageFilter filter =
        MessageFilter.parse(
            param(params, "key").orElse(null),
            param(params, "header").orElse(null),
            param(params, "field").orElse(null));
    IsolationLevel isolation =
        param(params, "isolation")
            .map(MessageQuery::isolation)
            .orElse(IsolationLevel.READ_COMMITTED);
    return new MessageQuery(topic, partition, start, limit, filter, isolation);
  }

  private static Optional<String> param(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(0));
  }

  private static StartPosition offset(String text) {
    if (text.equals("earliest")) {
      return new StartPosition.Earliest();
    }
    if (text.equals("latest")) {
      return new StartPosition.Latest();
    }
    if (!text.contains(":")) {
      return new StartPosition.AtOffset(number("offset", text, Long.MAX_VALUE));
    }
    Map<Integer, Long> offsets = new LinkedHashMap<>();
    for (String pair : text.split(",", -1)) {
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "offset '" + text + "' must be a number, earliest, latest or partition:offset,...");
      }
      int p = (int) number("offset's partition", pair.substring(0, colon), Integer.MAX_VALUE);
      long o = number("offset", pair.substring(colon + 1), Long.MAX_VALUE);
      if (offsets.put(p, o) != null) {
        throw new IllegalArgumentException("offset names partition " + p + " twice");
      }
    }
    return new StartPosition.AtOffsets(offsets);
  }

  private static long timestamp(String text) {
    if (text.chars().allMatch(Character::isDigit)) {
      return number("timestamp", text, Long.MAX_VALUE);
    }
    try {
      return Timestamps.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "timestamp '"
              + text
              + "' must be an ISO-8601 instant such as 2026-11-26T12:00:00Z or epoch milliseconds",
          e);
    }
  }

  private static IsolationLevel isolation(String text) {
    return switch (text) {
      case "read_committed" -> IsolationLevel.READ_COMMITTED;
      case "read_uncommitted" -> IsolationLevel.READ_UNCOMMITTED;
      default ->
          throw new IllegalArgumentException(
              "isolation must be read_committed or read_uncommitted, not '" + text + "'");
    };
  }

  private static long number(String name, String text, long max) {
    try {
      long value = Long.parseLong(text);
      if (value < 0 || value > max) {
        throw new IllegalArgumentException(name + " must be 0 to " + max + ", not " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " '" + text + "' is not a whole number", e);
    }
  }
}
