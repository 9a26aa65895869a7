package io.freshet.core.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.geo.GeoPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link CustomerState} answers exactly what a plain filter over every retained transaction
 * answers, and keeps its summary, ledger and chain consistent, on seeded sequences with late, very
 * late, equal-time and long-idle transactions.
 */
class CustomerStateTest {

  /** Every retained transaction in arrival order, and the event ids: what the state replaces. */
  static final class Model {
    final List<long[]> retained = new ArrayList<>(); // {time, micros}
    final List<long[]> ids = new ArrayList<>(); // {fingerprint, time}
    long max = FraudDetector.NEVER;
  }

  @Test
  void answersEqualThePlainFilterOnSeededSequences() {
    Random random = new Random(42);
    for (int run = 0; run < 300; run++) {
      long lookback = 1_000 + random.nextInt(100_000);
      long velocityWindow = 1 + random.nextInt(5_000);
      long horizon = 1 + random.nextInt(20_000);
      long duplicateWindow = 1 + random.nextInt(100_000);
      // Mostly in event-time order, sometimes late or early, sometimes several at one time.
      int disorder = random.nextInt(4);
      CustomerSummary summary = CustomerState.empty();
      InMemoryLedger ledger = new InMemoryLedger();
      Model model = new Model();
      long time = random.nextInt(1_000_000);
      for (int i = 0; i < 200; i++) {
        time += random.nextInt(3) == 0 ? 0 : random.nextInt(5_000);
        if (random.nextInt(100) == 0) {
          time += lookback + random.nextInt(100_000); // idle for longer than the window
        }
        long eventTime = time;
        if (random.nextInt(4) < disorder) {
          eventTime -= random.nextInt(10) == 0 ? random.nextInt(150_000) : random.nextInt(5_000);
        }
        long micros = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(1_000_000_000);
        Transaction txn = transaction(random, i, eventTime);
        long fingerprint = EventIds.fingerprint(txn.eventId());

        long newMax = Math.max(model.max, eventTime);
        long keepFrom = newMax - lookback;
        model.retained.removeIf(e -> e[0] < keepFrom);
        long velocity = 0;
        long priors = 0;
        long sum = 0;
        for (long[] e : model.retained) {
          if (e[0] > eventTime - velocityWindow && e[0] <= eventTime) {
            velocity++;
          }
          if (e[0] < eventTime) {
            priors++;
            sum += e[1];
          }
        }

        CustomerState state = new CustomerState(summary, ledger, horizon);
        state.planEviction(keepFrom);
        assertThat(state.countIn(eventTime - velocityWindow, eventTime))
            .as("velocity count, run %d event %d", run, i)
            .isEqualTo(velocity);
        assertThat(state.countAndSumBefore(eventTime))
            .as("priors and sum, run %d event %d", run, i)
            .containsExactly(priors, sum);
        state.apply(txn, micros, fingerprint, duplicateWindow);
        if (random.nextInt(10) == 0) {
          state.recordAlert(FraudRule.VELOCITY, eventTime);
        }
        summary = state.toSummary();

        model.retained.add(new long[] {eventTime, micros});
        long idsFrom = newMax - duplicateWindow;
        model.ids.removeIf(e -> e[1] < idsFrom);
        model.ids.add(new long[] {fingerprint, eventTime});
        model.max = newMax;
        assertConsistent(summary, ledger, model, horizon);
      }
    }
  }

  @Test
  void inOrderTransactionsTouchOnlyWhatLeavesTheWindow() {
    // Given a customer with 1,000 transactions a minute apart and a 100-minute window
    CountingLedger ledger = new CountingLedger();
    CustomerSummary summary = CustomerState.empty();
    long lookback = 100 * 60_000L;
    for (int i = 0; i < 1_000; i++) {
      long t = i * 60_000L;
      ledger.operations = 0;
      CustomerState state = new CustomerState(summary, ledger, 150_000L);
      state.planEviction(t - lookback);
      state.countIn(t - 120_000L, t);
      state.countAndSumBefore(t);
      state.apply(transaction(new Random(i), i, t), 1_000_000L, i, 86_400_000L);
      summary = state.toSummary();
      // Then each one reads and removes the entry leaving the window and writes one entry
      assertThat(ledger.operations).as("ledger operations at %d", i).isLessThanOrEqualTo(3);
    }
    assertThat(summary.windowCount()).isEqualTo(101);
    assertThat(summary.recentTimes()).hasSizeLessThanOrEqualTo(3);
  }

  /** The summary's totals, buffer, ledger and chain describe exactly the model's transactions. */
  private static void assertConsistent(
      CustomerSummary s, InMemoryLedger ledger, Model model, long horizon) {
    TreeMap<Long, long[]> expected = new TreeMap<>();
    long sum = 0;
    for (long[] e : model.retained) {
      long[] agg = expected.computeIfAbsent(e[0], k -> new long[2]);
      agg[0]++;
      agg[1] += e[1];
      sum += e[1];
    }
    assertThat(s.windowCount()).isEqualTo(model.retained.size());
    assertThat(s.windowSumMicros()).isEqualTo(sum);
    assertThat(s.maxEventTime()).isEqualTo(model.max);
    assertThat(s.storedUpTo()).isLessThanOrEqualTo(model.max - horizon);

    TreeMap<Long, long[]> actual = new TreeMap<>();
    for (Map.Entry<Long, LedgerEntry> e : ledger.entries().entrySet()) {
      assertThat(e.getKey()).isLessThanOrEqualTo(s.storedUpTo());
      actual.put(e.getKey(), new long[] {e.getValue().count(), e.getValue().sumMicros()});
    }
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < s.recentTimes().length; i++) {
      assertThat(s.recentTimes()[i]).isGreaterThan(s.storedUpTo()).isGreaterThan(previous);
      previous = s.recentTimes()[i];
      actual.put(previous, new long[] {s.recentCounts()[i], s.recentSumMicros()[i]});
    }
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((time, agg) -> assertThat(actual.get(time)).containsExactly(agg));

    // The chain visits every ledger entry once, oldest first.
    List<Long> chain = new ArrayList<>();
    long time = s.oldestStored();
    while (time != FraudDetector.NEVER) {
      chain.add(time);
      time = time == s.newestStored() ? FraudDetector.NEVER : time + ledger.get(time).nextGap();
    }
    assertThat(chain).containsExactlyElementsOf(new TreeMap<>(ledger.entries()).keySet());
    if (s.newestStored() != FraudDetector.NEVER) {
      long gap = ledger.get(s.newestStored()).nextGap();
      assertThat(s.newestStored() + gap).isEqualTo(s.newestStoredNext());
    }

    assertThat(s.eventIdFingerprints())
        .containsExactly(model.ids.stream().mapToLong(e -> e[0]).toArray());
    assertThat(s.eventIdTimes()).containsExactly(model.ids.stream().mapToLong(e -> e[1]).toArray());
  }

  private static Transaction transaction(Random random, int i, long eventTime) {
    GeoPoint location = random.nextBoolean() ? null : new GeoPoint(random.nextInt(90), 0);
    return new Transaction(
        "evt-" + i,
        eventTime,
        "txn-" + i,
        "cust-1",
        i,
        null,
        null,
        null,
        null,
        location,
        null,
        null,
        null);
  }

  /** Counts every read and write. */
  static final class CountingLedger implements AmountLedger {
    final InMemoryLedger delegate = new InMemoryLedger();
    int operations;

    @Override
    public LedgerEntry get(long eventTime) {
      operations++;
      return delegate.get(eventTime);
    }

    @Override
    public void put(long eventTime, LedgerEntry entry) {
      operations++;
      delegate.put(eventTime, entry);
    }

    @Override
    public void remove(long eventTime) {
      operations++;
      delegate.remove(eventTime);
    }
  }
}
