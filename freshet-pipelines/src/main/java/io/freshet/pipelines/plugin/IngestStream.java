package io.freshet.pipelines.plugin;

import io.freshet.pipelines.topic.TopicDescriptor;
import java.util.Objects;
import java.util.function.Function;

/**
 * An input a pipeline accepts through {@code POST /api/events/{stream}}: the topic, whose value
 * codec is the pipeline's own validator, and the entity a record is keyed by, so that ordering per
 * entity holds for appended events exactly as for the demo's.
 *
 * @param topic the input topic under its declared name, which is also the stream's name
 * @param eventId the event id of a validated event, reported back per record
 * @param key the entity a validated event is keyed by (customer, device, user)
 * @param <V> the validated event
 */
public record IngestStream<V>(
    TopicDescriptor<String, V> topic, Function<V, String> eventId, Function<V, String> key) {

  public IngestStream {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(key, "key");
  }

  /** The name in the URL: the topic's declared name. */
  public String name() {
    return topic.name();
  }

  /**
   * Validates {@code value} with the pipeline's codec.
   *
   * @throws IllegalArgumentException (an {@code InvalidEventException} for envelopes) naming what
   *     is wrong
   */
  public Validated validate(byte[] value) {
    V event = topic.valueCodec().decode(value);
    return new Validated(eventId.apply(event), key.apply(event));
  }

  /**
   * What the platform needs of a valid event to append it.
   *
   * @param eventId its event id
   * @param key its Kafka key
   */
  public record Validated(String eventId, String key) {}
}
