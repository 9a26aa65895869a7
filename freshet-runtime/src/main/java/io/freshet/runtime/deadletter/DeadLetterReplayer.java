package io.freshet.runtime.deadletter;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterHeader;
import io.freshet.core.time.Timestamps;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.kafka.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back to their source topics with an idempotent acks=all producer: the original
 * key, headers and (optionally fixed) value, plus provenance headers naming the dead letter.
 *
 * <p>Replaying twice cannot process an event twice because the pipelines skip a repeated event_id;
 * a replayed record that fails again returns to the dead-letter topic with its replay count.
 */
public final class DeadLetterReplayer {
  /** The dead-letter topic a replayed record came from. */
  public static final String DLQ_TOPIC_HEADER = "freshet.dlq.topic";

  /** Its partition there, as decimal text. */
  public static final String DLQ_PARTITION_HEADER = "freshet.dlq.partition";

  /** Its offset there, as decimal text. */
  public static final String DLQ_OFFSET_HEADER = "freshet.dlq.offset";

  /** When it was replayed, ISO-8601 as {@link Timestamps} writes it. */
  public static final String REPLAYED_AT_HEADER = "freshet.replayed_at";

  /** The dead letter's replay count + 1, as decimal text; the pipelines read it back. */
  public static final String REPLAY_COUNT_HEADER =
      IngestingDeserializationSchema.REPLAY_COUNT_HEADER;

  private static final Set<String> PROVENANCE =
      Set.of(
          DLQ_TOPIC_HEADER,
          DLQ_PARTITION_HEADER,
          DLQ_OFFSET_HEADER,
          REPLAYED_AT_HEADER,
          REPLAY_COUNT_HEADER);

  private final KafkaConnection kafka;
  private final Clock clock;

  public DeadLetterReplayer(String bootstrapServers) {
    this(new KafkaConnection(bootstrapServers), Clock.systemUTC());
  }

  /** A replayer on {@code kafka}, with its client properties. */
  public DeadLetterReplayer(KafkaConnection kafka) {
    this(kafka, Clock.systemUTC());
  }

  public DeadLetterReplayer(String bootstrapServers, Clock clock) {
    this(new KafkaConnection(bootstrapServers), clock);
  }

  public DeadLetterReplayer(KafkaConnection kafka, Clock clock) {
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Replays {@code entries} in order, each value passed through {@code fix} first; a record the fix
   * rejects or the broker refuses is skipped and reported, the others continue.
   */
  public ReplayReport replay(List<DeadLetterEntry> entries, ValueFix fix, ReplayProgress progress)
      throws InterruptedException {
    List<ReplayedRecord> sent = new ArrayList<>();
    List<ReplaySkip> skipped = new ArrayList<>();
    if (entries.isEmpty()) {
      return new ReplayReport(sent, skipped);
    }
    record Pending(DeadLetterEntry entry, Future<RecordMetadata> ack) {}
    List<Pending> pending = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      int done = 0;
      for (DeadLetterEntry entry : entries) {
        if (entry.letter().sourceTopic() == null) {
          skipped.add(skip(entry, "the dead letter names no source topic"));
          progress.update(++done, entries.size());
          continue;
        }
        try {
          byte[] value = fix.apply(entry, entry.letter().originalValueBytes());
          pending.add(
              new Pending(entry, producer.send(replayRecord(entry, value, clock.millis()))));
        } catch (FixFailedException | KafkaException e) {
          skipped.add(skip(entry, e.getMessage()));
        }
        progress.update(++done, entries.size());
      }
      producer.flush();
      for (Pending p : pending) {
        try {
          RecordMetadata m = p.ack().get();
          sent.add(
              new ReplayedRecord(
                  p.entry().topic(), p.entry().offset(), m.topic(), m.partition(), m.offset()));
        } catch (ExecutionException e) {
          skipped.add(skip(p.entry(), "not sent: " + e.getCause().getMessage()));
        }
      }
    }
    return new ReplayReport(sent, skipped);
  }

  /**
   * The record that replays {@code entry} with {@code value}: original key and headers (earlier
   * provenance headers replaced, so a re-replayed record names only its latest dead letter), then
   * this replay's provenance headers.
   */
  static ProducerRecord<byte[], byte[]> replayRecord(
      DeadLetterEntry entry, byte[] value, long replayedAt) {
    DeadLetter letter = entry.letter();
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(letter.sourceTopic(), null, letter.originalKeyBytes(), value);
    for (DeadLetterHeader h : letter.headers()) {
      if (!PROVENANCE.contains(h.key())) {
        record.headers().add(new RecordHeader(h.key(), h.valueBytes()));
      }
    }
    record.headers().add(DLQ_TOPIC_HEADER, utf8(entry.topic()));
    record.headers().add(DLQ_PARTITION_HEADER, utf8(Integer.toString(entry.partition())));
    record.headers().add(DLQ_OFFSET_HEADER, utf8(Long.toString(entry.offset())));
    record.headers().add(REPLAYED_AT_HEADER, utf8(Timestamps.format(replayedAt)));
    record.headers().add(REPLAY_COUNT_HEADER, utf8(Integer.toString(letter.replayCount() + 1)));
    return record;
  }

  private static ReplaySkip skip(DeadLetterEntry entry, String reason) {
    return new ReplaySkip(entry.topic(), entry.offset(), reason);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "freshet-dlq-replay");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // Dead letters keep values of up to 10 MiB; a replay must be able to send any of them back.
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(11 << 20));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
