package io.freshet.pipelines.kafka;

import io.freshet.pipelines.common.DeadLetterRecord;
import io.freshet.pipelines.topic.TopicDescriptor;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes already-encoded dead letters to a dead-letter topic under their original key. */
public final class DeadLetterSerializationSchema
    implements SingleTopicSerializationSchema<DeadLetterRecord> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public DeadLetterSerializationSchema(TopicDescriptor<?, ?> deadLetterTopic) {
    this.topic = deadLetterTopic.name();
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetterRecord element, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(topic, null, null, element.key(), element.value());
  }
}
