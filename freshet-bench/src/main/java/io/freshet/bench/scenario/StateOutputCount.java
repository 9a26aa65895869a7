package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Counts committed output per topic and checks the per-key topic key by key. */
final class StateOutputCount {
  private final List<StateOutput> outputs;
  private final Map<String, StateOutput> byTopic = new LinkedHashMap<>();
  private final Map<String, long[]> counts = new LinkedHashMap<>();
  private final int keys;
  private final String keyPrefix;
  private final BitSet seen;
  private long total;
  private long repeated;
  private long foreign;

  StateOutputCount(List<StateOutput> outputs, int keys, String keyPrefix) {
    this.outputs = outputs;
    this.keys = keys;
    this.keyPrefix = keyPrefix;
    this.seen = new BitSet(keys);
    outputs.forEach(
        o -> {
          byTopic.put(o.topic(), o);
          counts.put(o.topic(), new long[1]);
        });
  }

  long expectedTotal() {
    return outputs.stream().mapToLong(o -> Math.max(0, o.expected())).sum();
  }

  long total() {
    return total;
  }

  void accept(ConsumerRecord<byte[], byte[]> record) {
    counts.get(record.topic())[0]++;
    total++;
    if (!byTopic.get(record.topic()).onePerKey()) {
      return;
    }
    int index = FraudWorkloads.index(record.key(), keyPrefix);
    if (index < 0 || index >= keys) {
      foreign++;
    } else if (seen.get(index)) {
      repeated++;
    } else {
      seen.set(index);
    }
  }

  /** True once every expected count is reached; fails fast on duplicates or foreign keys. */
  boolean reachedExpected() {
    requireNoStrayKeys();
    return outputs.stream()
        .allMatch(o -> o.expected() < 0 || counts.get(o.topic())[0] >= o.expected());
  }

  long distinctKeys() {
    return seen.cardinality();
  }

  long count(String topic) {
    return counts.get(topic)[0];
  }

  void requireExact(String run) {
    requireNoStrayKeys();
    for (StateOutput o : outputs) {
      if (o.expected() >= 0) {
        IncompleteResultsException.requireEqual(
            run + ": committed records on " + o.topic(), o.expected(), count(o.topic()));
      }
    }
    IncompleteResultsException.requireEqual(
        run + ": keys with committed output", keys, seen.cardinality());
  }

  private void requireNoStrayKeys() {
    if (repeated > 0 || foreign > 0) {
      throw new IncompleteResultsException(
          repeated
              + " keys had more than one committed result and "
              + foreign
              + " results had keys that were never loaded");
    }
  }
}
