package io.freshet.core.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.geo.GeoPoint;
import java.util.ArrayList;
import java.util.List;
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

  /** One customer's state judged transaction by transaction against the plain filter. */
  static final class Replay {
    final long lookback;
    final long velocityWindow;
    final long horizon;
    final long duplicateWindow;
    final InMemoryLedger ledger = new InMemoryLedger();
    final Model model = new Model();
    CustomerSummary summary = CustomerState.empty();

    Replay(long lookback, long velocityWindow, long horizon, long duplicateWindow) {
      this.lookback = lookback;
      this.velocityWindow = velocityWindow;
      this.horizon = horizon;
      this.duplicateWindow = duplicateWindow;
    }

    /** Judges {@code txn} of {@code micros}, checking every answer and the state afterwards. */
    void judge(Transaction txn, long micros, boolean alert, String as) {
      long eventTime = txn.eventTime();
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
          .as("velocity count, %s", as)
          .isEqualTo(velocity);
      assertThat(state.countAndSumBefore(eventTime))
          .as("priors and sum, %s", as)
          .containsExactly(priors, sum);
      state.apply(txn, micros, fingerprint, duplicateWindow);
      if (alert) {
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

  @Test
  void answersEqualThePlainFilterOnSeededSequences() {
    Random random = new Random(42);
    for (int run = 0; run < 300; run++) {
      Replay replay =
          new Replay(
              1_000 + random.nextInt(100_000),
              1 + random.nextInt(5_000),
              1 + random.nextInt(20_000),
              1 + random.nextInt(100_000));
      // Mostly in event-time order, sometimes late or early, sometimes several at one time.
      int disorder = random.nextInt(4);
      long time = random.nextInt(1_000_000);
      for (int i = 0; i < 200; i++) {
        time += random.nextInt(3) == 0 ? 0 : random.nextInt(5_000);
        if (random.nextInt(100) == 0) {
          time += replay.lookback + random.nextInt(100_000); // idle for longer than the window
        }
        long eventTime = time;
        if (random.nextInt(4) < disorder) {
          eventTime -= random.nextInt(10) == 0 ? random.nextInt(150_000) : random.nextInt(5_000);
        }
        long micros = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(1_000_000_000);
        replay.judge(
            transaction(random, i, eventTime),
            micros,
            random.nextInt(10) == 0,
            "run " + run + " event " + i);
      }
    }
  }

  @Test
  void veryLateTransactionsSplitTheirChunkAndAreStillCountedExactly() {
    // Given 40 transactions a minute apart: four chunks of eight, the newest eight in the summary
    Replay replay = new Replay(86_400_000L, 120_000L, 180_000L, 86_400_000L);
    Random random = new Random(7);
    long start = 1_000_000_000L;
    int n = 0;
    for (; n < 40; n++) {
      replay.judge(transaction(random, n, start + n * 60_000L), 1_000L * n, false, "in order " + n);
    }
    int chunksBefore = replay.ledger.size();
    // When 60 transactions arrive half an hour late, all inside the second and third chunks
    for (int late = 0; late < 60; late++) {
      long at = start + 8 * 60_000L + 1 + random.nextInt(16 * 60_000);
      replay.judge(transaction(random, n, at), 7L + late, false, "late " + late);
      n++;
    }
    // Then the chunks they landed in were split, and every answer matched the plain filter
    assertThat(replay.ledger.size()).isGreaterThan(chunksBefore + 1);
    for (LedgerChunk chunk : replay.ledger.entries().values()) {
      assertThat(chunk.size()).isLessThanOrEqualTo(CustomerState.MAX_CHUNK_ENTRIES);
    }
  }

  @Test
  void inOrderTransactionsTouchOnlyWhatLeavesTheWindow() {
    // Given a customer with 1,000 transactions a minute apart and a 100-minute window
    CountingLedger ledger = new CountingLedger();
    CustomerSummary summary = CustomerState.empty();
    long lookback = 100 * 60_000L;
    int total = 0;
    int most = 0;
    for (int i = 0; i < 1_000; i++) {
      long t = i * 60_000L;
      ledger.operations = 0;
      CustomerState state = new CustomerState(summary, ledger, 150_000L);
      state.planEviction(t - lookback);
      state.countIn(t - 120_000L, t);
      state.countAndSumBefore(t);
      state.apply(transaction(new Random(i), i, t), 1_000_000L, i, 86_400_000L);
      summary = state.toSummary();
      total += ledger.operations;
      most = Math.max(most, ledger.operations);
    }
    // Then each one trims the chunk its oldest entry leaves (a read and a write; a read more when
    // that empties a chunk) and every eighth writes a new chunk, without reading it
    assertThat(most).isLessThanOrEqualTo(4);
    assertThat(total / 1_000.0).isLessThanOrEqualTo(2.25);
    assertThat(summary.windowCount()).isEqualTo(101);
    assertThat(summary.recentTimes()).hasSizeLessThanOrEqualTo(CustomerState.CHUNK_ENTRIES - 1 + 3);
    assertThat(ledger.delegate.size()).isLessThanOrEqualTo(101 / CustomerState.CHUNK_ENTRIES + 2);
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

    // The chain visits every chunk once, oldest first, and their entries ascend across chunks.
    TreeMap<Long, long[]> actual = new TreeMap<>();
    List<Integer> chain = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    int id = s.oldestChunk();
    while (id != CustomerState.NO_CHUNK) {
      chain.add(id);
      LedgerChunk chunk = ledger.get(id);
      assertThat(chunk).as("chunk %d", id).isNotNull();
      assertThat(chunk.size()).isLessThanOrEqualTo(CustomerState.MAX_CHUNK_ENTRIES);
      for (int i = 0; i < chunk.size(); i++) {
        long time = chunk.times()[i];
        assertThat(time).isLessThanOrEqualTo(s.storedUpTo()).isGreaterThan(previous);
        previous = time;
        actual.put(time, new long[] {chunk.counts()[i], chunk.sumMicros()[i]});
      }
      if (id == s.newestChunk()) {
        assertThat(chunk.next())
            .as("the newest chunk names the next append")
            .isEqualTo(s.appendId());
        break;
      }
      id = chunk.next();
    }
    assertThat(chain).containsExactlyInAnyOrderElementsOf(ledger.entries().keySet());
    assertThat(s.oldestTime())
        .isEqualTo(actual.isEmpty() ? FraudDetector.NEVER : actual.firstKey());
    assertThat(s.nextChunkId()).isGreaterThan(s.appendId());
    for (int chunkId : chain) {
      assertThat(chunkId).isLessThan(s.nextChunkId()).isNotEqualTo(s.appendId());
    }
    for (int i = 0; i < s.recentTimes().length; i++) {
      assertThat(s.recentTimes()[i]).isGreaterThan(s.storedUpTo()).isGreaterThan(previous);
      previous = s.recentTimes()[i];
      actual.put(previous, new long[] {s.recentCounts()[i], s.recentSumMicros()[i]});
    }
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((time, agg) -> assertThat(actual.get(time)).containsExactly(agg));

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
    public LedgerChunk get(int id) {
      operations++;
      return delegate.get(id);
    }

    @Override
    public void put(int id, LedgerChunk chunk) {
      operations++;
      delegate.put(id, chunk);
    }

    @Override
    public void remove(int id) {
      operations++;
      delegate.remove(id);
    }
  }
}
