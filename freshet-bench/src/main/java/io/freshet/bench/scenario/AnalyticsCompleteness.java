package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.testkit.windows.RevisionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * What the analytics completeness checks share: every (key, revision) of every windowed output must
 * be committed exactly once and equal the independent testkit reference's row, checked on the
 * committed outputs after the clock stopped.
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

  /**
   * Takes the committed row of the reference row's (key, revision) from {@code log} and records a
   * mismatch when it is missing or differs. Streaming the reference this way compares every
   * revision, which the bench may do because its input is in event-time order: nothing is late, the
   * reference's watermark model agrees with the job's, and every window has revision 0 only.
   */
  static <V> V expect(
      RevisionLog<V> log,
      String what,
      V expected,
      int revision,
      BiPredicate<V, V> same,
      Mismatches mismatches) {
    String key = log.keyOf(expected);
    V actual = log.take(key, revision);
    if (actual == null) {
      mismatches.add(what + " " + key + " revision " + revision + " missing, expected " + expected);
    } else if (!same.test(expected, actual)) {
      mismatches.add(what + " " + key + ": expected " + expected + ", got " + actual);
    }
    return actual;
  }

  /**
   * Records every (key, revision) committed more than once and every committed row no reference row
   * took: each (key, revision) must appear exactly once.
   */
  static <V> void finish(RevisionLog<V> log, String what, Mismatches mismatches) {
    log.duplicates().forEach(mismatches::add);
    log.remaining().forEach(r -> mismatches.add("unexpected " + what + " " + r));
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
