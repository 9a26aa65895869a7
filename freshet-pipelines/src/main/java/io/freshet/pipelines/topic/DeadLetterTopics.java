package io.freshet.pipelines.topic;

import io.freshet.core.deadletter.DeadLetter;
import java.time.Duration;
import java.util.Map;

/** The dead-letter topic every input topic has: {@code <topic>.dlq}, one partition, 30 days. */
public final class DeadLetterTopics {
  /** Dead letters may hold a whole 10 MiB value, base64-encoded inside a JSON document. */
  public static final int MAX_MESSAGE_BYTES = 20 * 1024 * 1024;

  private DeadLetterTopics() {}

  /**
   * The dead-letter topic of {@code input}; one partition so that an offset alone names a dead
   * letter.
   */
  public static TopicDescriptor<String, DeadLetter> of(TopicDescriptor<?, ?> input) {
    return new TopicDescriptor<>(
        input.name() + ".dlq",
        1,
        Duration.ofDays(30),
        Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES)),
        Codecs.UTF8,
        Codecs.DEAD_LETTER,
        TopicRole.DEAD_LETTER);
  }
}
