package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
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

/** The production wiring of the clickstream job to Kafka topics, exactly once. */
public final class ClickstreamKafkaIo {
  /** Consumer group of the clickstream job; offsets are committed on checkpoints. */
  public static final String GROUP_ID = "freshet-clickstream";

  private ClickstreamKafkaIo() {}

  /** Source and sinks on the context's cluster, topics and store. */
  public static ClickstreamJobIo create(PipelineContext ctx) {
    KafkaConnection kafka = ctx.kafka();
    IngestingDeserializationSchema<ClickEvent> deserializer =
        new IngestingDeserializationSchema<>(
            ctx.topic(ClickstreamTopics.CLICKSTREAM_EVENTS).valueCodec(),
            ClickEvent::eventTime,
            PipelineId.of(ClickstreamJob.NAME),
            TypeInformation.of(new TypeHint<Ingested<ClickEvent>>() {}));
    return new ClickstreamJobIo(
        kafka.source(
            ctx.topic(ClickstreamTopics.CLICKSTREAM_EVENTS).name(), ctx.id(GROUP_ID), deserializer),
        ctx.watermarks(),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, RevenueRow>(
                ctx.topic(ClickstreamTopics.REVENUE_PER_MINUTE),
                r -> ClickKeys.of(r.geoCountry(), r.category())),
            ctx.id("freshet-click-revenue")),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, SessionRow>(
                ctx.topic(ClickstreamTopics.SESSIONS), SessionRow::userId),
            ctx.id("freshet-click-sessions")),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, LateEvent>(
                ctx.topic(Topics.LATE_EVENTS), LateEvent::key),
            ctx.id("freshet-click-late-events")),
        kafka.exactlyOnceSink(
            new DeadLetterSerializationSchema(ctx.topic(ClickstreamTopics.CLICKSTREAM_EVENTS_DLQ)),
            ctx.id("freshet-click-dead-letters")),
        ctx.store().sink(ClickstreamTables.REALTIME_REVENUE),
        ctx.store().sink(ClickstreamTables.SESSIONS));
  }
}
