package io.freshet.pipelines.kafka;

import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

/**
 * A record serializer that writes to one topic and names it. Exactly-once sinks need the name: they
 * reuse a few transactional ids ({@link KafkaConnection}), and after a restart they find the
 * transactions a previous run left open by listing the open transactions on their topics.
 *
 * @param <T> the records written
 */
public interface SingleTopicSerializationSchema<T>
    extends KafkaRecordSerializationSchema<T>, KafkaDatasetFacetProvider {
  /** The topic every record goes to. */
  String topic();

  @Override
  default Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return Optional.of(
        new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic()))));
  }
}
