package io.freshet.pipelines.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.codec.Codec;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.core.deadletter.DeadLetterHeader;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.fraud.Transaction;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.testkit.fraud.TransactionEnvelopeBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestingDeserializationSchemaTest {
  private static final PipelineId PIPELINE = new PipelineId("fraud-detection", "test");
  private static final byte[] INVALID_AMOUNT =
      TransactionEnvelopeBuilder.transaction().with("payload.amount", "\"abc\"").bytes();

  @Test
  void aReplayedRecordThatFailsAgainCarriesItsReplayCount() {
    // Given a record replayed for the second time, with the replay's provenance headers
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", utf8("t-1"));
    headers.add("freshet.dlq.offset", utf8("7"));
    headers.add("freshet.replay_count", utf8("2"));

    // When its still-invalid value is ingested
    DeadLetter letter = deadLetterOf(schema(FraudTopics.TRANSACTIONS.valueCodec()), headers);

    // Then the dead letter says it was replayed twice and keeps every header
    assertThat(letter.errorType()).isEqualTo(ErrorType.INVALID_FIELD);
    assertThat(letter.replayCount()).isEqualTo(2);
    assertThat(letter.headers())
        .containsExactly(
            new DeadLetterHeader("trace", "t-1", DeadLetter.UTF_8),
            new DeadLetterHeader("freshet.dlq.offset", "7", DeadLetter.UTF_8),
            new DeadLetterHeader("freshet.replay_count", "2", DeadLetter.UTF_8));
  }

  @Test
  void aDecoderFailureCarriesTheReplayCountToo() {
    // Given a codec that throws and a record replayed once
    Codec<Transaction> broken =
        new Codec<>() {
          private static final long serialVersionUID = 1L;

          @Override
          public byte[] encode(Transaction value) {
            throw new UnsupportedOperationException("decode only");
          }

          @Override
          public Transaction decode(byte[] bytes) {
            throw new IllegalStateException("decoder bug");
          }
        };
    RecordHeaders headers = new RecordHeaders();
    headers.add("freshet.replay_count", utf8("1"));

    // When it is ingested
    DeadLetter letter = deadLetterOf(schema(broken), headers);

    // Then it is a processing failure of a record replayed once
    assertThat(letter.errorType()).isEqualTo(ErrorType.PROCESSING_FAILURE);
    assertThat(letter.errorMessage()).isEqualTo("decoder bug");
    assertThat(letter.replayCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "header {0} -> replay count {1}")
  @CsvSource({
    "'', 0",
    "abc, 0",
    "-1, 0",
    "1.5, 0",
    "' 3', 0",
    "9999999999, 0",
    "0, 0",
    "3, 3",
    "123456789, 123456789"
  })
  void aReplayCountHeaderThatIsNotADecimalIntCountsAsZero(String value, int expected) {
    // Given a record with that replay count header
    RecordHeaders headers = new RecordHeaders();
    headers.add("freshet.replay_count", utf8(value));

    // When it is ingested
    DeadLetter letter = deadLetterOf(schema(FraudTopics.TRANSACTIONS.valueCodec()), headers);

    // Then the replay count is the header's value only when it is one
    assertThat(letter.replayCount()).isEqualTo(expected);
  }

  @Test
  void aRecordNeverReplayedHasReplayCountZeroAndTheLastHeaderWins() {
    // Given one record without the header and one with two of them
    RecordHeaders twice = new RecordHeaders();
    twice.add("freshet.replay_count", utf8("1"));
    twice.add("freshet.replay_count", utf8("4"));
    RecordHeaders nullValue = new RecordHeaders();
    nullValue.add("freshet.replay_count", null);

    // When they are ingested
    IngestingDeserializationSchema<Transaction> schema =
        schema(FraudTopics.TRANSACTIONS.valueCodec());

    // Then the first counts 0, the second the header added last, a null header 0
    assertThat(deadLetterOf(schema, new RecordHeaders()).replayCount()).isZero();
    assertThat(deadLetterOf(schema, twice).replayCount()).isEqualTo(4);
    assertThat(deadLetterOf(schema, nullValue).replayCount()).isZero();
  }

  private static IngestingDeserializationSchema<Transaction> schema(Codec<Transaction> codec) {
    return new IngestingDeserializationSchema<>(
        codec,
        Transaction::eventTime,
        PIPELINE,
        TypeInformation.of(new TypeHint<Ingested<Transaction>>() {}));
  }

  private static DeadLetter deadLetterOf(
      IngestingDeserializationSchema<Transaction> schema, RecordHeaders headers) {
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(
            "transactions",
            2,
            41L,
            1_700_000_000_000L,
            TimestampType.LOG_APPEND_TIME,
            5,
            INVALID_AMOUNT.length,
            utf8("cust-1"),
            INVALID_AMOUNT,
            headers,
            Optional.empty());
    Ingested<Transaction> ingested = schema.ingest(record);
    assertThat(ingested.isValid()).isFalse();
    return DeadLetterCodec.fromJson(ingested.deadLetter().value());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
