package io.freshet.pipelines.testing;

import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * A bounded Flink source over a fixed list of Kafka-like records, each turned into an {@code
 * Ingested} value by the production {@link IngestingDeserializationSchema}, so a job test sees
 * exactly what the Kafka source would hand the job (dead letters included), without a broker.
 */
public final class IngestedSource {
  private IngestedSource() {}

  /** One input record: key and value bytes, and the broker append time it pretends to have. */
  public record Raw(byte[] key, byte[] value, long appendTime) implements java.io.Serializable {}

  /**
   * A {@link DataGeneratorSource} emitting {@code records} in list order (one split at parallelism
   * 1, so the order is deterministic).
   */
  public static <T> DataGeneratorSource<Ingested<T>> of(
      String topic, List<Raw> records, IngestingDeserializationSchema<T> deserializer) {
    return new DataGeneratorSource<>(
        new Lookup<>(topic, new ArrayList<>(records), deserializer),
        records.size(),
        RateLimiterStrategy.noOp(),
        deserializer.getProducedType());
  }

  /**
   * Bounded out-of-orderness watermarks (the largest event time so far − {@code outOfOrderness} − 1
   * ms, like Flink's) emitted after every record instead of periodically, so where the watermark
   * stands at each record does not depend on timing and the reference can model it exactly. Dead
   * letters (event time {@code Long.MIN_VALUE}) never move it.
   */
  public static <T> WatermarkStrategy<Ingested<T>> perEventWatermarks(long outOfOrderness) {
    return WatermarkStrategy.<Ingested<T>>forGenerator(ctx -> new PerEvent<>(outOfOrderness))
        .withTimestampAssigner((ingested, ignored) -> ingested.eventTime());
  }

  private static final class PerEvent<T> implements WatermarkGenerator<Ingested<T>> {
    private final long outOfOrderness;
    private long max;

    PerEvent(long outOfOrderness) {
      this.outOfOrderness = outOfOrderness;
      this.max = Long.MIN_VALUE + outOfOrderness + 1;
    }

    @Override
    public void onEvent(Ingested<T> event, long timestamp, WatermarkOutput output) {
      max = Math.max(max, timestamp);
      output.emitWatermark(new Watermark(max - outOfOrderness - 1));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  private static final class Lookup<T> implements GeneratorFunction<Long, Ingested<T>> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final ArrayList<Raw> records;
    private final IngestingDeserializationSchema<T> deserializer;

    Lookup(String topic, ArrayList<Raw> records, IngestingDeserializationSchema<T> deserializer) {
      this.topic = topic;
      this.records = records;
      this.deserializer = deserializer;
    }

    @Override
    public Ingested<T> map(Long index) {
      Raw raw = records.get(index.intValue());
      ConsumerRecord<byte[], byte[]> record =
          new ConsumerRecord<>(
              topic,
              0,
              index,
              raw.appendTime(),
              TimestampType.LOG_APPEND_TIME,
              raw.key().length,
              raw.value().length,
              raw.key(),
              raw.value(),
              new RecordHeaders(),
              Optional.empty());
      List<Ingested<T>> out = new ArrayList<>(1);
      deserializer.deserialize(
          record,
          new Collector<>() {
            @Override
            public void collect(Ingested<T> value) {
              out.add(value);
            }

            @Override
            public void close() {}
          });
      return out.get(0);
    }
  }
}
