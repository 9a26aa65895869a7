package io.freshet.pipelines.kafka;

import io.freshet.core.codec.Codec;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.envelope.RawHeader;
import io.freshet.core.envelope.RawRecord;
import io.freshet.pipelines.common.DeadLetterRecord;
import io.freshet.pipelines.common.EventTimeOf;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.PipelineId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Decodes and validates records inside the Kafka source, so watermarks are generated per partition,
 * and turns every record that fails into a dead letter instead of an exception.
 */
public final class IngestingDeserializationSchema<T>
    implements KafkaRecordDeserializationSchema<Ingested<T>> {
  private static final long serialVersionUID = 1L;

  /** The header a dead-letter replay sets to the replayed dead letter's replay count + 1. */
  public static final String REPLAY_COUNT_HEADER = "freshet.replay_count";

  private static final Pattern REPLAY_COUNT = Pattern.compile("[0-9]{1,9}");

  private final Codec<T> codec;
  private final EventTimeOf<T> eventTime;
  private final PipelineId pipeline;
  private final TypeInformation<Ingested<T>> producedType;

  public IngestingDeserializationSchema(
      Codec<T> codec,
      EventTimeOf<T> eventTime,
      PipelineId pipeline,
      TypeInformation<Ingested<T>> producedType) {
    this.codec = codec;
    this.eventTime = eventTime;
    this.pipeline = pipeline;
    this.producedType = producedType;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested<T>> out) {
    out.collect(ingest(record));
  }

  /** Decodes one record; never throws for bad input. */
  Ingested<T> ingest(ConsumerRecord<byte[], byte[]> record) {
    try {
      T event = codec.decode(record.value());
      return Ingested.valid(event, eventTime.of(event), record.timestamp());
    } catch (InvalidEventException e) {
      return Ingested.rejected(
          encode(
              DeadLetter.of(
                  raw(record),
                  e,
                  pipeline.name(),
                  pipeline.version(),
                  System.currentTimeMillis(),
                  replayCountOf(record)),
              record.key()),
          record.timestamp());
    } catch (RuntimeException e) {
      // A decoder bug must not stop the pipeline: the record is kept with the stack trace.
      return Ingested.rejected(
          encode(
              DeadLetter.ofFailure(
                  raw(record),
                  e,
                  pipeline.name(),
                  pipeline.version(),
                  System.currentTimeMillis(),
                  replayCountOf(record)),
              record.key()),
          record.timestamp());
    }
  }

  /**
   * How often the record was replayed from a dead-letter topic before, from the {@link
   * #REPLAY_COUNT_HEADER} a replay adds; 0 when absent or not a non-negative decimal int, because a
   * wrong header written by someone else must not turn a dead letter into an exception.
   */
  static int replayCountOf(ConsumerRecord<byte[], byte[]> record) {
    Header header = record.headers().lastHeader(REPLAY_COUNT_HEADER);
    if (header == null || header.value() == null) {
      return 0;
    }
    String text = new String(header.value(), StandardCharsets.UTF_8);
    // At most 9 digits always fits an int, so parsing cannot overflow.
    return REPLAY_COUNT.matcher(text).matches() ? Integer.parseInt(text) : 0;
  }

  private static DeadLetterRecord encode(DeadLetter letter, byte[] key) {
    return new DeadLetterRecord(letter.errorType(), key, DeadLetterCodec.toJson(letter));
  }

  static RawRecord raw(ConsumerRecord<byte[], byte[]> record) {
    List<RawHeader> headers = new ArrayList<>();
    for (Header h : record.headers()) {
      headers.add(new RawHeader(h.key(), h.value()));
    }
    return new RawRecord(
        record.key(),
        record.value(),
        List.copyOf(headers),
        record.topic(),
        record.partition(),
        record.offset(),
        record.timestamp());
  }

  @Override
  public TypeInformation<Ingested<T>> getProducedType() {
    return producedType;
  }
}
