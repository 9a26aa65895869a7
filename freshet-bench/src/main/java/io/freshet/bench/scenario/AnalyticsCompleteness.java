package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.core.codec.Codec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What the analytics completeness checks share: the latest revision of every window must equal the
 * plain-loop reference's row, checked on the committed outputs after the clock stopped.
 */
final class AnalyticsCompleteness {
  private AnalyticsCompleteness() {}

  /** One output topic's figures for the completeness table. */
  record OutputCheck(String output, long committed, long finalRows, long expected, String detail) {}

  /** A pipeline's checked outputs; every check passed. */
  record Checked(List<OutputCheck> outputs) {
    long committedRecords() {
      return outputs.stream().mapToLong(OutputCheck::committed).sum();
    }
  }

  /** The loaded records as the job's source decodes them. */
  static <T> Iterator<T> decoded(Iterator<BenchRecord> records, Codec<T> codec) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public T next() {
        return codec.decode(records.next().value());
      }
    };
  }

  /** The latest revision of each output key, counting records and same-revision duplicates. */
  static final class Latest<V> {
    final Function<V, String> key;
    private final ToIntFunction<V> revision;
    private final Map<String, V> latest = new HashMap<>();
    long records;
    long duplicates;

    Latest(Function<V, String> key, ToIntFunction<V> revision) {
      this.key = key;
      this.revision = revision;
    }

    void add(V value) {
      records++;
      String k = key.apply(value);
      V previous = latest.get(k);
      if (previous == null || revision.applyAsInt(value) > revision.applyAsInt(previous)) {
        latest.put(k, value);
      } else if (revision.applyAsInt(value) == revision.applyAsInt(previous)) {
        // Exactly-once output never writes one revision of a key twice.
        duplicates++;
      }
    }

    long size() {
      return latest.size();
    }

    /** Removes and returns the key's latest row, or null. */
    V take(String k) {
      return latest.remove(k);
    }

    /** Rows no reference row took. */
    Collection<V> remaining() {
      return latest.values();
    }
  }

  /** Differences found, of which the first few are reported. */
  static final class Mismatches {
    private static final int SHOWN = 10;
    private final String pipeline;
    private final List<String> shown = new ArrayList<>();
    private long count;

    Mismatches(String pipeline) {
      this.pipeline = pipeline;
    }

    void add(String message) {
      count++;
      if (shown.size() < SHOWN) {
        shown.add(message);
      }
    }

    void requireEqual(String what, long expected, long actual) {
      if (expected != actual) {
        add(what + ": expected " + expected + ", got " + actual);
      }
    }

    void throwIfAny() {
      if (count > 0) {
        throw new IncompleteResultsException(
            pipeline
                + " output differs from the reference in "
                + count
                + " place(s), first "
                + shown.size()
                + ":\n  "
                + String.join("\n  ", shown));
      }
    }
  }
}
