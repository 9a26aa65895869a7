package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.pipelines.fraud.FraudTopics;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Committed decisions by transaction id (a bit per generated transaction), and the first one
 * written after the kill.
 */
final class CommittedDecisions {
  private final BitSet seen;
  private final int events;
  private long committed;
  private long repeated;
  private long foreign;
  private Map<TopicPartition, Long> endAtKill;
  private long firstNewNanos;

  CommittedDecisions(int events) {
    this.events = events;
    this.seen = new BitSet(events);
  }

  void accept(ConsumerRecord<byte[], byte[]> record) {
    committed++;
    String id =
        FraudTopics.TRANSACTION_DECISIONS.valueCodec().decode(record.value()).transactionId();
    int index = FraudWorkloads.index(id, PacedTransactionInput.TRANSACTION_PREFIX);
    if (index < 0 || index >= events) {
      foreign++;
    } else if (seen.get(index)) {
      repeated++;
    } else {
      seen.set(index);
    }
    if (firstNewNanos == 0 && endAtKill != null) {
      Long end = endAtKill.get(new TopicPartition(record.topic(), record.partition()));
      if (end != null && record.offset() >= end) {
        // Timed here rather than by the reader's receive stamp: one clock with the kill.
        firstNewNanos = System.nanoTime();
      }
    }
  }

  /** Decisions at or past these offsets were written after the kill. */
  void newFrom(Map<TopicPartition, Long> endOffsets) {
    this.endAtKill = new HashMap<>(endOffsets);
  }

  long committed() {
    return committed;
  }

  long firstNewNanos() {
    return firstNewNanos;
  }

  void requireExactlyOnce(long expected) {
    if (repeated > 0 || foreign > 0) {
      throw new IncompleteResultsException(
          repeated
              + " transactions had more than one committed decision and "
              + foreign
              + " decisions were for transactions never produced");
    }
    IncompleteResultsException.requireEqual("committed decisions", expected, committed);
    IncompleteResultsException.requireEqual(
        "transactions with a committed decision", expected, seen.cardinality());
  }
}
