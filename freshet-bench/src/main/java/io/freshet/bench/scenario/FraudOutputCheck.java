package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.textbook.ExactAlert;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudAlertCodec;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.TransactionDecisionCodec;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.testkit.fraud.FraudReference;
import io.freshet.testkit.fraud.TransactionStream;
import io.freshet.testkit.kafka.TopicReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a fraud run's committed output after the clock stopped and checks it is exactly what the
 * independent reference ({@link FraudReference}) says: the same decision for every transaction id,
 * the same set of alert ids ({@code RULE:transaction_id}), none missing, extra or twice, and no
 * dead letters.
 */
public final class FraudOutputCheck {
  /** How many ids of each kind of difference a failure names. */
  private static final int EXAMPLES = 10;

  private static final String[] VERDICTS = {null, "APPROVE", "REVIEW", "BLOCK"};

  private FraudOutputCheck() {}

  /**
   * What was read, for the result's figures.
   *
   * @param expectedVelocity the reference's velocity alerts, in stream order
   */
  public record Checked(
      long decisions,
      Map<FraudRule, Long> alerts,
      List<FraudAlert> velocityAlerts,
      List<ExactAlert> expectedVelocity) {}

  /** The reference's answer for a stream, kept compact: one byte per transaction. */
  record Expected(
      byte[] decisions, Set<String> alertIds, List<ExactAlert> velocity, long deadLetters) {

    /** Computed once per stream and run, since every scenario on one backlog needs it. */
    private static final Map<List<Object>, Expected> CACHE = new ConcurrentHashMap<>();

    static Expected of(TransactionStream stream) {
      return CACHE.computeIfAbsent(
          List.of(stream.seed(), stream.events(), stream.customers(), stream.start()),
          k -> compute(stream));
    }

    private static Expected compute(TransactionStream stream) {
      byte[] decisions = new byte[Math.toIntExact(stream.events())];
      Set<String> alertIds = new HashSet<>();
      List<ExactAlert> velocity = new ArrayList<>();
      FraudReference.Counts counts =
          FraudReference.stream(
              stream.values(),
              outcome -> {
                decisions[index(stream, outcome.transactionId())] = code(outcome.decision());
                for (String alert : outcome.alerts()) {
                  alertIds.add(alert);
                  if (alert.startsWith(FraudReference.VELOCITY + ":")) {
                    velocity.add(new ExactAlert(outcome.customerId(), outcome.eventTime()));
                  }
                }
              });
      return new Expected(decisions, alertIds, velocity, counts.malformed());
    }
  }

  /** Checks the committed outputs a fraud job wrote under {@code naming}. */
  public static Checked verify(BenchKafka kafka, TopicNaming naming, TransactionStream stream) {
    Expected expected = Expected.of(stream);
    byte[] actual = new byte[expected.decisions().length];
    Differences decisionDiff = new Differences("decisions");
    long[] decisions = {0};
    try (TopicReader reader =
        kafka.committedReader(List.of(naming.name(FraudTopics.TRANSACTION_DECISIONS)))) {
      reader.readToEnd(
          (record, at) -> {
            TransactionDecision decision = new TransactionDecisionCodec().decode(record.value());
            decisions[0]++;
            long seq = TransactionStream.sequenceOf(decision.transactionId());
            if (seq < 0 || seq >= actual.length) {
              decisionDiff.extra(decision.transactionId());
            } else if (actual[(int) seq] != 0) {
              decisionDiff.twice(decision.transactionId());
            } else {
              actual[(int) seq] = code(decision.decision().name());
            }
          });
    }
    for (int seq = 0; seq < actual.length; seq++) {
      byte want = expected.decisions()[seq];
      byte got = actual[seq];
      if (want != got) {
        String id = "t" + seq;
        if (got == 0) {
          decisionDiff.missing(id);
        } else if (want == 0) {
          decisionDiff.extra(id);
        } else {
          decisionDiff.wrong(id + " (expected " + VERDICTS[want] + ", got " + VERDICTS[got] + ")");
        }
      }
    }

    Map<FraudRule, Long> alerts = new EnumMap<>(FraudRule.class);
    List<FraudAlert> velocity = new ArrayList<>();
    Set<String> alertIds = new HashSet<>();
    Differences alertDiff = new Differences("alerts");
    try (TopicReader reader =
        kafka.committedReader(List.of(naming.name(FraudTopics.FRAUD_ALERTS)))) {
      reader.readToEnd(
          (record, at) -> {
            FraudAlert alert = new FraudAlertCodec().decode(record.value());
            if (!alertIds.add(alert.alertId())) {
              alertDiff.twice(alert.alertId());
              return;
            }
            alerts.merge(alert.rule(), 1L, Long::sum);
            if (alert.rule() == FraudRule.VELOCITY) {
              velocity.add(alert);
            }
          });
    }
    for (String id : new TreeSet<>(expected.alertIds())) {
      if (!alertIds.contains(id)) {
        alertDiff.missing(id);
      }
    }
    for (String id : new TreeSet<>(alertIds)) {
      if (!expected.alertIds().contains(id)) {
        alertDiff.extra(id);
      }
    }

    long[] deadLetters = {0};
    try (TopicReader reader =
        kafka.committedReader(List.of(naming.name(FraudTopics.TRANSACTIONS_DLQ)))) {
      reader.readToEnd((record, at) -> deadLetters[0]++);
    }
    decisionDiff.throwIfAny();
    alertDiff.throwIfAny();
    IncompleteResultsException.requireEqual("dead letters", expected.deadLetters(), deadLetters[0]);
    return new Checked(decisions[0], alerts, velocity, expected.velocity());
  }

  private static int index(TransactionStream stream, String transactionId) {
    long seq = TransactionStream.sequenceOf(transactionId);
    if (seq < 0 || seq >= stream.events()) {
      throw new IllegalStateException("not a transaction id of the stream: " + transactionId);
    }
    return (int) seq;
  }

  private static byte code(String verdict) {
    for (byte b = 1; b < VERDICTS.length; b++) {
      if (VERDICTS[b].equals(verdict)) {
        return b;
      }
    }
    throw new IllegalArgumentException("not a decision: " + verdict);
  }

  /** Ids missing, extra, twice or wrong in one output, with the first few of each named. */
  private static final class Differences {
    private final String what;
    private final Map<String, List<String>> examples = new java.util.LinkedHashMap<>();
    private final Map<String, Long> counts = new java.util.LinkedHashMap<>();

    Differences(String what) {
      this.what = what;
    }

    void missing(String id) {
      add("missing", id);
    }

    void extra(String id) {
      add("extra", id);
    }

    void twice(String id) {
      add("delivered twice", id);
    }

    void wrong(String id) {
      add("wrong", id);
    }

    private void add(String kind, String id) {
      counts.merge(kind, 1L, Long::sum);
      List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
      if (list.size() < EXAMPLES) {
        list.add(id);
      }
    }

    void throwIfAny() {
      if (counts.isEmpty()) {
        return;
      }
      StringBuilder message = new StringBuilder(what).append(" differ from the reference:");
      counts.forEach(
          (kind, n) ->
              message
                  .append(' ')
                  .append(n)
                  .append(' ')
                  .append(kind)
                  .append(' ')
                  .append(examples.get(kind))
                  .append(';'));
      throw new IncompleteResultsException(message.toString());
    }
  }
}
