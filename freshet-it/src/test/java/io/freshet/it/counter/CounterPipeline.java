package io.freshet.it.counter;

import static io.freshet.serving.Column.key;
import static io.freshet.serving.Column.value;

import io.freshet.pipelines.common.Arrival;
import io.freshet.pipelines.common.DeadLetterSplitFunction;
import io.freshet.pipelines.common.DeadLetterSplitFunction.DeadLetters;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.kafka.DeadLetterSerializationSchema;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.kafka.TopicSerializationSchema;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.PipelineContext;
import io.freshet.pipelines.topic.Codecs;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicRole;
import io.freshet.pipelines.topic.Topics;
import io.freshet.serving.ServingTable;
import io.freshet.serving.SqlType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A fourth pipeline that exists only in the tests: one package, no platform change, and it gets its
 * topics, its serving table, {@code /api/views}, health, metrics, dead letters and {@code status}
 * from its declarations alone. It counts events per key.
 */
public final class CounterPipeline implements FreshetPipeline {
  public static final String NAME = "key-counter";

  public static final TopicDescriptor<String, CountedEvent> EVENTS =
      new TopicDescriptor<>(
          "counter-events",
          2,
          Duration.ofDays(1),
          Map.of(),
          Codecs.UTF8,
          new CountedEventCodec(),
          TopicRole.INPUT);

  public static final TopicDescriptor<String, ?> EVENTS_DLQ = Topics.deadLettersFor(EVENTS);

  public static final TopicDescriptor<String, KeyCount> COUNTS =
      Topics.output("key-counts", new KeyCountCodec());

  public static final ServingTable<KeyCount> COUNTS_TABLE =
      new ServingTable<>(
          "key_counts",
          List.of(
              key("key", SqlType.VARCHAR),
              value("count", SqlType.BIGINT),
              value("last_event_time", SqlType.TIMESTAMP),
              value("revision", SqlType.INTEGER)),
          "last_event_time",
          "revision",
          c -> new Object[] {c.key(), c.count(), c.lastEventTime(), c.revision()});

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "events per key (test-only plug-in)";
  }

  @Override
  public List<TopicDescriptor<?, ?>> topics() {
    return List.of(EVENTS, EVENTS_DLQ, COUNTS);
  }

  @Override
  public List<ServingTable<?>> tables() {
    return List.of(COUNTS_TABLE);
  }

  @Override
  public Duration latencySla() {
    return Duration.ofSeconds(5);
  }

  @Override
  public void wire(StreamExecutionEnvironment env, PipelineContext ctx) {
    TopicDescriptor<String, CountedEvent> events = ctx.topic(EVENTS);
    IngestingDeserializationSchema<CountedEvent> deserializer =
        new IngestingDeserializationSchema<>(
            events.valueCodec(),
            CountedEvent::eventTime,
            PipelineId.of(NAME),
            TypeInformation.of(new TypeHint<Ingested<CountedEvent>>() {}));
    SingleOutputStreamOperator<Arrival<CountedEvent>> valid =
        env.fromSource(
                ctx.kafka().source(events.name(), ctx.id("freshet-key-counter"), deserializer),
                ctx.<CountedEvent>watermarks(),
                "counter-source")
            .uid("counter-source")
            .process(new DeadLetterSplitFunction<CountedEvent>())
            .returns(TypeInformation.of(new TypeHint<Arrival<CountedEvent>>() {}))
            .uid("validate-counted")
            .name("validate-counted");
    valid
        .getSideOutput(DeadLetters.TAG)
        .sinkTo(
            ctx.kafka()
                .exactlyOnceSink(
                    new DeadLetterSerializationSchema(ctx.topic(Topics.deadLettersFor(EVENTS))),
                    ctx.id("freshet-key-counter-dlq")))
        .uid("counter-dead-letters-sink")
        .name("counter-dead-letters-sink");
    SingleOutputStreamOperator<KeyCount> counts =
        valid
            .keyBy(a -> a.event().key(), TypeInformation.of(String.class))
            .process(new CountFunction())
            .uid("count")
            .name("count");
    counts
        .sinkTo(
            ctx.kafka()
                .exactlyOnceSink(
                    new TopicSerializationSchema<String, KeyCount>(
                        ctx.topic(COUNTS), KeyCount::key),
                    ctx.id("freshet-key-counts")))
        .uid("counts-sink")
        .name("counts-sink");
    counts
        .sinkTo(ctx.store().sink(COUNTS_TABLE))
        .uid("counts-store-sink")
        .name("counts-store-sink");
  }
}
