package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
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

/** The production wiring of the clickstream job to Kafka topics, exactly once. */
public final class ClickstreamKafkaIo {
  /** Consumer group of the clickstream job; offsets are committed on checkpoints. */
  public static final String GROUP_ID = "freshet-clickstream";

  private ClickstreamKafkaIo() {}

  /**
   * Source and sinks on the cluster behind {@code kafka} and the serving store at {@code storeUrl}.
   */
  public static ClickstreamJobIo create(
      KafkaConnection kafka, Duration maxOutOfOrderness, Duration idleness, String storeUrl) {
    IngestingDeserializationSchema<ClickEvent> deserializer =
        new IngestingDeserializationSchema<>(
            Topics.CLICKSTREAM_EVENTS.valueCodec(),
            ClickEvent::eventTime,
            PipelineId.of(ClickstreamJob.NAME),
            TypeInformation.of(new TypeHint<Ingested<ClickEvent>>() {}));
    return new ClickstreamJobIo(
        kafka.source(Topics.CLICKSTREAM_EVENTS.name(), GROUP_ID, deserializer),
        EventTimeWatermarks.forIngested(maxOutOfOrderness, idleness),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, RevenueRow>(
                Topics.REVENUE_PER_MINUTE, r -> ClickKeys.of(r.geoCountry(), r.category())),
            "freshet-click-revenue"),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, SessionRow>(Topics.SESSIONS, SessionRow::userId),
            "freshet-click-sessions"),
        kafka.exactlyOnceSink(
            new TopicSerializationSchema<String, LateEvent>(Topics.LATE_EVENTS, LateEvent::key),
            "freshet-click-late-events"),
        kafka.exactlyOnceSink(
            new DeadLetterSerializationSchema(Topics.CLICKSTREAM_EVENTS_DLQ),
            "freshet-click-dead-letters"),
        new ServingStoreSink<>(storeUrl, ServingTables.REALTIME_REVENUE),
        new ServingStoreSink<>(storeUrl, ServingTables.SESSIONS));
  }
}
