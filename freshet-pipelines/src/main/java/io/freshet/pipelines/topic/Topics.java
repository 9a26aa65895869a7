package io.freshet.pipelines.topic;

import io.freshet.core.codec.Codec;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.late.LateEvent;
import io.freshet.core.late.LateEventCodec;
import java.time.Duration;
import java.util.Map;

/**
 * What every pipeline's topics share: the late-events topic of the windowed pipelines, the shape of
 * an output topic and the dead-letter topic of an input. Each pipeline declares its own topics in
 * its package.
 */
public final class Topics {
  private Topics() {}

  /** Events too late for a window, one record per event and pipeline that could not use it. */
  public static final TopicDescriptor<String, LateEvent> LATE_EVENTS =
      output("late-events", new LateEventCodec());

  /** An output topic: 4 partitions, 7 days, UTF-8 keys. */
  public static <V> TopicDescriptor<String, V> output(String name, Codec<V> codec) {
    return new TopicDescriptor<>(name, 4, Duration.ofDays(7), Map.of(), Codecs.UTF8, codec);
  }

  /** The dead-letter topic of an input topic: {@code <topic>.dlq}, kept 30 days. */
  public static TopicDescriptor<String, DeadLetter> deadLettersFor(TopicDescriptor<?, ?> input) {
    return DeadLetterTopics.of(input);
  }
}
