package io.freshet.runtime.deadletter;

import static io.freshet.runtime.deadletter.DeadLetters.FAILED_AT;
import static io.freshet.runtime.deadletter.DeadLetters.letter;
import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterHeader;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterReplayerTest {
  private static final long REPLAYED_AT = Timestamps.parse("2026-11-26T13:00:00.000Z");

  @Test
  void aReplayKeepsKeyAndHeadersAndAddsProvenance() {
    // Given a dead letter at offset 7 that was never replayed
    DeadLetterEntry entry =
        new DeadLetterEntry(
            "transactions.dlq",
            0,
            7,
            FAILED_AT,
            letter("fraud-detection", ErrorType.INVALID_FIELD, FAILED_AT, DeadLetters.VALUE, 0));
    byte[] fixed = "{\"fixed\":true}".getBytes(StandardCharsets.UTF_8);

    // When its replay record is built with a fixed value
    ProducerRecord<byte[], byte[]> record =
        DeadLetterReplayer.replayRecord(entry, fixed, REPLAYED_AT);

    // Then it goes to the source topic under the original key with the provenance headers
    assertThat(record.topic()).isEqualTo("transactions");
    assertThat(record.partition()).isNull();
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("cust-1");
    assertThat(record.value()).isEqualTo(fixed);
    assertThat(headers(record))
        .containsExactly(
            Map.entry("trace", "t-1"),
            Map.entry("freshet.dlq.topic", "transactions.dlq"),
            Map.entry("freshet.dlq.partition", "0"),
            Map.entry("freshet.dlq.offset", "7"),
            Map.entry("freshet.replayed_at", "2026-11-26T13:00:00.000Z"),
            Map.entry("freshet.replay_count", "1"));
  }

  @Test
  void aReplayOfAReplayReplacesTheEarlierProvenance() {
    // Given a dead letter that came back after its second replay, with that replay's headers
    DeadLetter base =
        letter("fraud-detection", ErrorType.INVALID_FIELD, FAILED_AT, DeadLetters.VALUE, 2);
    List<DeadLetterHeader> headers =
        List.of(
            new DeadLetterHeader("trace", "t-1", DeadLetter.UTF_8),
            new DeadLetterHeader("freshet.dlq.topic", "transactions.dlq", DeadLetter.UTF_8),
            new DeadLetterHeader("freshet.dlq.partition", "0", DeadLetter.UTF_8),
            new DeadLetterHeader("freshet.dlq.offset", "3", DeadLetter.UTF_8),
            new DeadLetterHeader(
                "freshet.replayed_at", "2026-11-26T12:30:00.000Z", DeadLetter.UTF_8),
            new DeadLetterHeader("freshet.replay_count", "2", DeadLetter.UTF_8),
            new DeadLetterHeader("binary", "wyj/", DeadLetter.BASE64));
    DeadLetter again =
        new DeadLetter(
            base.originalKey(),
            base.keyEncoding(),
            base.originalValue(),
            base.valueEncoding(),
            headers,
            base.sourceTopic(),
            base.sourcePartition(),
            base.sourceOffset(),
            base.sourceTimestamp(),
            base.errorType(),
            base.errorField(),
            base.errorMessage(),
            base.stackTrace(),
            base.failedAt(),
            base.pipeline(),
            base.pipelineVersion(),
            base.replayCount());
    DeadLetterEntry entry = new DeadLetterEntry("transactions.dlq", 0, 9, FAILED_AT, again);

    // When it is replayed unchanged
    ProducerRecord<byte[], byte[]> record =
        DeadLetterReplayer.replayRecord(entry, again.originalValueBytes(), REPLAYED_AT);

    // Then the original headers stay byte for byte and the provenance is this replay's only
    assertThat(record.value()).isEqualTo(DeadLetters.VALUE.getBytes(StandardCharsets.UTF_8));
    assertThat(record.headers().lastHeader("binary").value())
        .isEqualTo(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    assertThat(headers(record))
        .containsExactly(
            Map.entry("trace", "t-1"),
            Map.entry("binary", "\uFFFD(\uFFFD"),
            Map.entry("freshet.dlq.topic", "transactions.dlq"),
            Map.entry("freshet.dlq.partition", "0"),
            Map.entry("freshet.dlq.offset", "9"),
            Map.entry("freshet.replayed_at", "2026-11-26T13:00:00.000Z"),
            Map.entry("freshet.replay_count", "3"));
  }

  private static List<Map.Entry<String, String>> headers(ProducerRecord<byte[], byte[]> record) {
    List<Map.Entry<String, String>> all = new ArrayList<>();
    for (Header h : record.headers()) {
      all.add(Map.entry(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
    }
    return all;
  }
}
