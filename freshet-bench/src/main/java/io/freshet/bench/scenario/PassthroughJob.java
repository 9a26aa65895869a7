package io.freshet.bench.scenario;

import io.freshet.core.fraud.Transaction;
import io.freshet.pipelines.common.Ingested;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The engine's ceiling for our events: the production Kafka source and envelope deserializer, a
 * keyBy on the customer (the same network shuffle the pipeline pays), and a sink that discards.
 */
final class PassthroughJob {
  static final String SINK = "passthrough-discard";

  private final Source<Ingested<Transaction>, ?, ?> source;
  private final WatermarkStrategy<Ingested<Transaction>> watermarks;

  PassthroughJob(
      Source<Ingested<Transaction>, ?, ?> source,
      WatermarkStrategy<Ingested<Transaction>> watermarks) {
    this.source = source;
    this.watermarks = watermarks;
  }

  void wireInto(StreamExecutionEnvironment env) {
    env.fromSource(source, watermarks, "passthrough-source")
        .uid("passthrough-source")
        .keyBy(ingested -> ingested.event().customerId(), TypeInformation.of(String.class))
        .sinkTo(new DiscardingSink<>())
        .uid(SINK)
        .name(SINK);
  }
}
