package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.kafka.DeadLetterSerializationSchema;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.kafka.TopicSerializationSchema;
import io.freshet.pipelines.plugin.PipelineContext;
import io.freshet.pipelines.topic.Topics;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The production wiring of the IoT job to Kafka topics, exactly once. */
public final class IotKafkaIo {
  /** Consumer group of the IoT job; offsets are committed on checkpoints. */
  public static final String GROUP_ID = "freshet-iot-monitoring";

  private IotKafkaIo() {}

  /** Source and sinks on the context's cluster, topics and store. */
  public static IotJobIo create(PipelineContext ctx) {
    KafkaConnection kafka = ctx.kafka();
    IngestingDeserializationSchema<SensorReading> deserializer =
        new IngestingDeserializationSchema<>(
            ctx.topic(IotTopics.SENSOR_READINGS).valueCodec(),
            SensorReading::eventTime,
            PipelineId.of(IotMonitoringJob.NAME),
            TypeInformation.of(new TypeHint<Ingested<SensorReading>>() {}));
    return new IotJobIo(
        kafka.source(ctx.topic(IotTopics.SENSOR_READINGS).name(), ctx.id(GROUP_ID), deserializer),
        ctx.watermarks(),
        kafka.earliestSource(
            ctx.topic(IotTopics.EQUIPMENT_BASELINES).name(),
            ctx.id(GROUP_ID + "-baselines"),
            new EquipmentBaselineDeserializer()),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, SensorStats5s>(
                ctx.topic(IotTopics.SENSOR_STATS_5S), SensorStats5s::deviceId),
            ctx.id("freshet-iot-stats")),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, SensorStddev1m>(
                ctx.topic(IotTopics.SENSOR_STDDEV_1M), SensorStddev1m::deviceId),
            ctx.id("freshet-iot-stddev")),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, SensorAnomaly>(
                ctx.topic(IotTopics.SENSOR_ANOMALIES), SensorAnomaly::deviceId),
            ctx.id("freshet-iot-anomalies")),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, SensorAlert>(
                ctx.topic(IotTopics.SENSOR_ALERTS), SensorAlert::deviceId),
            ctx.id("freshet-iot-alerts")),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, LateEvent>(
                ctx.topic(Topics.LATE_EVENTS), LateEvent::key),
            ctx.id("freshet-iot-late-events")),
        kafka.exactlyOnceSink(
            new DeadLetterSerializationSchema(ctx.topic(IotTopics.SENSOR_READINGS_DLQ)),
            ctx.id("freshet-iot-dead-letters")),
        ctx.store().sink(IotTables.SENSOR_STATS_5S),
        ctx.store().sink(IotTables.SENSOR_STDDEV_1M),
        ctx.store().sink(IotTables.SENSOR_ANOMALIES));
  }
}
