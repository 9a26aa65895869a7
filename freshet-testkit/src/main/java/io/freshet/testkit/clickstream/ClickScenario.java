package io.freshet.testkit.clickstream;

import io.freshet.testkit.windows.Arrivals;
import io.freshet.testkit.windows.Malformed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The clickstream scenario the job test and the integration test share: 72 minutes of generated
 * shoppers arriving up to 3 s out of order, planted sessions at the 30 min gap boundary, and late
 * clicks that arrive after everything else: one revising a revenue minute, one moving a session's
 * start (merged row plus retraction), one too late for revenue only and one too late for sessions
 * only; plus a malformed record.
 *
 * @param onTime the on-time clicks in arrival order
 * @param late the late clicks, in arrival order, to be sent once the on-time ones are processed
 * @param malformed records that must become dead letters
 */
public record ClickScenario(
    List<Click> onTime,
    List<Click> late,
    List<Malformed> malformed,
    Click merging,
    Click lateRevenue,
    Click tooLateForRevenue,
    Click tooLateForSessions,
    Instant t0) {

  /** Arrival disorder of the on-time clicks. */
  public static final Duration DISORDER = Duration.ofSeconds(3);

  /** Every click, on-time then late, in arrival order. */
  public List<Click> arrivals() {
    List<Click> all = new ArrayList<>(onTime);
    all.addAll(late);
    return all;
  }

  /** Epoch millis of {@code t0} plus {@code minutes} and {@code seconds}. */
  public long at(int minutes, int seconds) {
    return t0.toEpochMilli() + minutes * 60_000L + seconds * 1_000L;
  }

  /** The scenario from {@code t0}, seeded. */
  public static ClickScenario windowSemantics(long seed, Instant t0) {
    long base = t0.toEpochMilli();
    List<Click> clicks =
        new ArrayList<>(
            new ClickGenerator(seed, 480, 20)
                .withStart(t0)
                .withStep(Duration.ofSeconds(9))
                .withConcurrentVisits(2)
                .list());
    int[] id = {0};
    java.util.function.LongUnaryOperator min = m -> base + m * 60_000L;
    // u-a's third click is exactly 30 min after its second: two sessions
    clicks.add(ClickGenerator.view("pa-" + id[0]++, "u-a", min.applyAsLong(2), "books"));
    clicks.add(ClickGenerator.view("pa-" + id[0]++, "u-a", min.applyAsLong(3), "toys"));
    clicks.add(ClickGenerator.view("pa-" + id[0]++, "u-a", min.applyAsLong(33), "garden"));
    // a session of u-m that a late click will extend backwards, changing its session_start
    clicks.add(ClickGenerator.view("pm-0", "u-m", min.applyAsLong(38) + 30_000, "books"));
    clicks.add(
        ClickGenerator.purchase(
            "pm-1", "u-m", min.applyAsLong(38) + 31_000, "FR", "books", "19.99", 2));
    // a lone visitor, and an active one a too-late purchase will join
    clicks.add(ClickGenerator.view("px-0", "u-x", min.applyAsLong(5), "toys"));
    for (int m = 61; m <= 72; m++) {
      clicks.add(ClickGenerator.view("pm2-" + m, "u-m2", min.applyAsLong(m), "garden"));
    }
    clicks.add(
        ClickGenerator.purchase(
            "pr-0", "u-r", min.applyAsLong(70) + 10_000, "DE", "books", "10.00", 1));
    clicks.sort(java.util.Comparator.comparingLong(Click::eventTime));
    List<Click> onTime = Arrivals.withDisorder(clicks, Click::eventTime, DISORDER.toMillis(), seed);

    Click merging = ClickGenerator.view("late-0", "u-m", min.applyAsLong(37), "garden");
    Click lateRevenue =
        ClickGenerator.purchase(
            "late-1", "u-r", min.applyAsLong(70) + 30_000, "DE", "books", "5.50", 2);
    Click tooLateForRevenue =
        ClickGenerator.purchase(
            "late-2", "u-m2", min.applyAsLong(60) + 30_000, "US", "toys", "7.00", 1);
    Click tooLateForSessions =
        ClickGenerator.view("late-3", "u-x", min.applyAsLong(5) + 30_000, "books");
    return new ClickScenario(
        onTime,
        List.of(merging, lateRevenue, tooLateForRevenue, tooLateForSessions),
        ClickEnvelopes.malformed(),
        merging,
        lateRevenue,
        tooLateForRevenue,
        tooLateForSessions,
        t0);
  }
}
