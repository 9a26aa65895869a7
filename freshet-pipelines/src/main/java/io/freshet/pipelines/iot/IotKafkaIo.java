package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.common.EventTimeWatermarks;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.kafka.DeadLetterSerializationSchema;
import io.freshet.pipelines.kafka.Ingested;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.kafka.TopicSerializationSchema;
import io.freshet.pipelines.topic.Topics;
import io.freshet.serving.ServingStoreSink;
import io.freshet.serving.ServingTables;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The production wiring of the IoT job to Kafka topics, exactly once. */
public final class IotKafkaIo {
  /** Consumer group of the IoT job; offsets are committed on checkpoints. */
  public static final String GROUP_ID = "freshet-iot-monitoring";

  private IotKafkaIo() {}

  /**
   * Source and sinks on the cluster behind {@code kafka} and the serving store at {@code storeUrl}.
   */
  public static IotJobIo create(
      KafkaConnection kafka, Duration maxOutOfOrderness, Duration idleness, String storeUrl) {
    IngestingDeserializationSchema<SensorReading> deserializer =
        new IngestingDeserializationSchema<>(
            Topics.SENSOR_READINGS.valueCodec(),
            SensorReading::eventTime,
            PipelineId.of(IotMonitoringJob.NAME),
            TypeInformation.of(new TypeHint<Ingested<SensorReading>>() {}));
    return new IotJobIo(
        kafka.source(Topics.SENSOR_READINGS.name(), GROUP_ID, deserializer),
        EventTimeWatermarks.forIngested(maxOutOfOrderness, idleness),
        kafka.earliestSource(
            Topics.EQUIPMENT_BASELINES.name(),
            GROUP_ID + "-baselines",
            new EquipmentBaselineDeserializer()),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, SensorStats5s>(
                Topics.SENSOR_STATS_5S, SensorStats5s::deviceId),
            "freshet-iot-stats"),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, SensorStddev1m>(
                Topics.SENSOR_STDDEV_1M, SensorStddev1m::deviceId),
            "freshet-iot-stddev"),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, SensorAnomaly>(
                Topics.SENSOR_ANOMALIES, SensorAnomaly::deviceId),
            "freshet-iot-anomalies"),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, SensorAlert>(
                Topics.SENSOR_ALERTS, SensorAlert::deviceId),
            "freshet-iot-alerts"),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, LateEvent>(Topics.LATE_EVENTS, LateEvent::key),
            "freshet-iot-late-events"),
        kafka.exactlyOnceSink(
            new DeadLetterSerializationSchema(Topics.SENSOR_READINGS_DLQ),
            "freshet-iot-dead-letters"),
        new ServingStoreSink<>(storeUrl, ServingTables.SENSOR_STATS_5S),
        new ServingStoreSink<>(storeUrl, ServingTables.SENSOR_STDDEV_1M),
        new ServingStoreSink<>(storeUrl, ServingTables.SENSOR_ANOMALIES));
  }
}
