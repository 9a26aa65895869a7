package io.freshet.runtime.deadletter;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.envelope.ErrorType;

/**
 * One line of a dead-letter listing: where the dead letter is, why it failed and how its value
 * begins, without the (possibly megabytes long) value itself.
 *
 * @param failedAt when it failed, in epoch milliseconds
 * @param valuePreview see {@link DeadLetterEntry#valuePreview()}
 */
public record DeadLetterSummary(
    String topic,
    int partition,
    long offset,
    long failedAt,
    String pipeline,
    ErrorType errorType,
    String errorField,
    String errorMessage,
    int replayCount,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    String originalKey,
    String valuePreview) {

  /** The summary of a stored dead letter. */
  public static DeadLetterSummary of(DeadLetterEntry entry) {
    DeadLetter l = entry.letter();
    return new DeadLetterSummary(
        entry.topic(),
        entry.partition(),
        entry.offset(),
        l.failedAt(),
        l.pipeline(),
        l.errorType(),
        l.errorField(),
        l.errorMessage(),
        l.replayCount(),
        l.sourceTopic(),
        l.sourcePartition(),
        l.sourceOffset(),
        l.originalKey(),
        entry.valuePreview());
  }
}
