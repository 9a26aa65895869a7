package io.freshet.runtime.deadletter;

import io.freshet.core.envelope.ErrorType;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which dead letters a query selects; a null criterion (or no offsets) selects all.
 *
 * @param topic only this dead-letter topic
 * @param pipeline only dead letters of this pipeline
 * @param errorType only this error type
 * @param since only dead letters that failed at or after this instant
 * @param offsets only these offsets of the dead-letter topic; empty selects every offset
 */
public record DeadLetterFilter(
    String topic, String pipeline, ErrorType errorType, Instant since, Set<Long> offsets) {

  public DeadLetterFilter {
    offsets = offsets == null ? Set.of() : Set.copyOf(offsets);
  }

  /** Selects every dead letter. */
  public static DeadLetterFilter all() {
    return new DeadLetterFilter(null, null, null, null, Set.of());
  }

  public DeadLetterFilter withTopic(String topic) {
    return new DeadLetterFilter(topic, pipeline, errorType, since, offsets);
  }

  public DeadLetterFilter withPipeline(String pipeline) {
    return new DeadLetterFilter(topic, pipeline, errorType, since, offsets);
  }

  public DeadLetterFilter withErrorType(ErrorType errorType) {
    return new DeadLetterFilter(topic, pipeline, errorType, since, offsets);
  }

  public DeadLetterFilter withSince(Instant since) {
    return new DeadLetterFilter(topic, pipeline, errorType, since, offsets);
  }

  public DeadLetterFilter withOffsets(Set<Long> offsets) {
    return new DeadLetterFilter(topic, pipeline, errorType, since, offsets);
  }

  /** True when the entry meets every criterion. */
  public boolean matches(DeadLetterEntry entry) {
    return (topic == null || topic.equals(entry.topic()))
        && (pipeline == null || pipeline.equals(entry.letter().pipeline()))
        && (errorType == null || errorType == entry.letter().errorType())
        && (since == null || entry.letter().failedAt() >= since.toEpochMilli())
        && (offsets.isEmpty() || offsets.contains(entry.offset()));
  }

  /**
   * An error type by name, ignoring case.
   *
   * @throws IllegalArgumentException naming the valid types when there is none such
   */
  public static ErrorType parseErrorType(String name) {
    try {
      return ErrorType.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown error type '"
              + name
              + "'; expected one of "
              + Arrays.stream(ErrorType.values()).map(Enum::name).collect(Collectors.joining(", ")),
          e);
    }
  }
}
