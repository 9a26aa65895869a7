package io.freshet.pipelines.iot;

import io.freshet.core.iot.EquipmentBaseline;
import io.freshet.core.iot.EquipmentBaselineCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads equipment baselines; a malformed one is logged and skipped, since a bad reference value
 * must neither stop the IoT job nor be mistaken for device data.
 */
public final class EquipmentBaselineDeserializer
    implements KafkaRecordDeserializationSchema<EquipmentBaseline> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(EquipmentBaselineDeserializer.class);
  private static final EquipmentBaselineCodec CODEC = new EquipmentBaselineCodec();

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<EquipmentBaseline> out) {
    if (record.value() == null) {
      return; // a tombstone deletes a baseline in the compacted topic; devices keep theirs
    }
    try {
      out.collect(CODEC.decode(record.value()));
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "Skipping equipment baseline at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  @Override
  public TypeInformation<EquipmentBaseline> getProducedType() {
    return TypeInformation.of(EquipmentBaseline.class);
  }
}
