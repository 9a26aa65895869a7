package io.freshet.testkit.iot;

import io.freshet.testkit.windows.ExpectedLateEvent;
import io.freshet.testkit.windows.RevisionLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Independent reference for the IoT pipeline: plain loops over raw values with its own constants
 * and arithmetic, sharing no code with freshet-core's statistics or the Flink job, so it can check
 * them.
 *
 * <p>Semantics (README "Windowed analytics", per device and sensor type; readings in arrival order;
 * W is the watermark when a reading arrives):
 *
 * <ul>
 *   <li>The watermark is the largest event time seen so far minus the out-of-orderness minus 1 ms,
 *       raised after each reading (one source split with per-event watermarks); at the end of a
 *       bounded input it jumps to {@code Long.MAX_VALUE}, so every window fires.
 *   <li>Threshold alert for every reading strictly above its type's limit (temperature 90, pressure
 *       10, vibration 20, humidity 95, power 500), late or not.
 *   <li>5 s panes {@code [p, p + 5 s)}: fire once W ≥ p + 5 s − 1 ms as revision 0 (count, mean =
 *       Σx / n, min, max); a reading for a fired pane still within the allowed lateness (p + 5 s −
 *       1 ms + lateness &gt; W) re-fires it at once with revision + 1; a later one is a late event
 *       naming the pane and W.
 *   <li>1 min windows sliding every 5 s: window {@code [s, s + 60 s)} fires when W ≥ s + 60 s − 1
 *       ms if its panes hold any reading then (count, mean, population σ by two passes over the raw
 *       values); every later emission of one of its panes re-emits it with revision + 1 while s +
 *       60 s − 1 ms + lateness &gt; W. A window empty when it was due never appears.
 *   <li>Anomalies: each pane's first emission (only) is scored against the device's exponentially
 *       weighted baseline of its previous first-emission means (α = 1 − 2^(−1/12)): once 12 means
 *       were absorbed, z = (mean − μ) / max(σ, 1e-6), anomalous when |z| &gt; 3; then μ += α·d, σ²
 *       = (1 − α)(σ² + α·d²) with d = mean − μ (the first mean sets μ, σ² = 0). No equipment
 *       baselines are broadcast in the tests, so every device starts empty.
 * </ul>
 */
public final class IotReference {
  /** The pipeline name in late events. */
  public static final String PIPELINE = "iot-monitoring";

  static final long PANE_MS = 5_000;
  static final long WINDOW_MS = 60_000;
  static final double HALF_LIFE_WINDOWS = 12.0;
  static final int WARM_UP_WINDOWS = 12;
  static final double Z_THRESHOLD = 3.0;
  static final double MIN_STDDEV = 1e-6;
  static final Map<String, Double> UPPER_LIMITS =
      Map.of(
          "temperature",
          90.0,
          "pressure",
          10.0,
          "vibration",
          20.0,
          "humidity",
          95.0,
          "power",
          500.0);

  private static final double ALPHA = 1.0 - Math.pow(2.0, -1.0 / HALF_LIFE_WINDOWS);

  private IotReference() {}

  /**
   * The watermark and lateness rules of a run.
   *
   * @param allowedLateness how long after its end a window still accepts readings
   * @param outOfOrderness how far the watermark trails the largest event time seen
   * @param endOfInput whether the input ends (watermark to MAX, every window fires) or the stream
   *     stays open (windows fire only as far as the last watermark)
   */
  public record Settings(Duration allowedLateness, Duration outOfOrderness, boolean endOfInput) {
    /** The documented defaults: 5 min lateness, 10 s out-of-orderness; a bounded input. */
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(5), Duration.ofSeconds(10), true);
    }

    public Settings withEndOfInput(boolean ends) {
      return new Settings(allowedLateness, outOfOrderness, ends);
    }
  }

  /** Receives every expected emission, in the order the reference makes them. */
  public interface Sink {
    default void stats(ExpectedStats row) {}

    default void stddev(ExpectedStddev row) {}

    default void anomaly(ExpectedAnomaly row) {}

    default void alert(ExpectedAlert row) {}

    default void late(ExpectedLateEvent row) {}
  }

  /** How many of each the reference emitted. */
  public record Totals(
      long readings,
      long keys,
      long statsRows,
      long stddevRows,
      long anomalies,
      long alerts,
      long lateEvents) {}

  /** Every expected emission, all revisions, in emission order. */
  public record Result(
      List<ExpectedStats> stats,
      List<ExpectedStddev> stddev,
      List<ExpectedAnomaly> anomalies,
      List<ExpectedAlert> alerts,
      List<ExpectedLateEvent> lateEvents,
      Totals totals) {

    /** The last revision of every 5 s window. */
    public List<ExpectedStats> finalStats() {
      return RevisionLog.lastPerKey(stats, ExpectedStats::key);
    }

    /** The last revision of every 1 min window. */
    public List<ExpectedStddev> finalStddev() {
      return RevisionLog.lastPerKey(stddev, ExpectedStddev::key);
    }
  }

  /** The expected outputs of {@code arrivals}, collected. */
  public static Result compute(List<Reading> arrivals, Settings settings) {
    List<ExpectedStats> stats = new ArrayList<>();
    List<ExpectedStddev> stddev = new ArrayList<>();
    List<ExpectedAnomaly> anomalies = new ArrayList<>();
    List<ExpectedAlert> alerts = new ArrayList<>();
    List<ExpectedLateEvent> late = new ArrayList<>();
    Totals totals =
        run(
            arrivals.iterator(),
            settings,
            new Sink() {
              @Override
              public void stats(ExpectedStats row) {
                stats.add(row);
              }

              @Override
              public void stddev(ExpectedStddev row) {
                stddev.add(row);
              }

              @Override
              public void anomaly(ExpectedAnomaly row) {
                anomalies.add(row);
              }

              @Override
              public void alert(ExpectedAlert row) {
                alerts.add(row);
              }

              @Override
              public void late(ExpectedLateEvent row) {
                late.add(row);
              }
            });
    return new Result(
        List.copyOf(stats),
        List.copyOf(stddev),
        List.copyOf(anomalies),
        List.copyOf(alerts),
        List.copyOf(late),
        totals);
  }

  /**
   * Replays {@code arrivals} (in arrival order) and hands every expected emission to {@code sink};
   * keeps only the windows still within the allowed lateness, so it streams large inputs.
   */
  public static Totals run(Iterator<Reading> arrivals, Settings settings, Sink sink) {
    Simulation sim = new Simulation(settings, sink);
    while (arrivals.hasNext()) {
      sim.reading(arrivals.next());
    }
    if (settings.endOfInput()) {
      sim.advance(Long.MAX_VALUE);
    }
    return new Totals(
        sim.readings,
        sim.keys.size(),
        sim.statsRows,
        sim.stddevRows,
        sim.anomalies,
        sim.alerts,
        sim.lateEvents);
  }

  /** A reading's pane (or a window's) contents: the raw values in arrival order. */
  private static final class Pane {
    final long start;
    double[] values = new double[8];
    int size;
    int revision = -1;

    Pane(long start) {
      this.start = start;
    }

    void add(double v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }

  private static final class Key {
    final String deviceId;
    final String type;
    final String windowKey;
    final TreeMap<Long, Pane> panes = new TreeMap<>();
    final TreeMap<Long, Pane> stored = new TreeMap<>();
    final Map<Long, Integer> windowRevisions = new HashMap<>();
    final Set<Long> windowTimers = new HashSet<>();
    double baselineMean;
    double baselineVariance;
    long baselineWindows;

    Key(String deviceId, String type) {
      this.deviceId = deviceId;
      this.type = type;
      this.windowKey = deviceId + "|" + type.toUpperCase(Locale.ROOT);
    }
  }

  private record Timer(long time, long seq, Key key, long start, boolean fire) {}

  private static final class Simulation {
    final long lateness;
    final long outOfOrderness;
    final Sink sink;
    final Map<String, Key> keys = new HashMap<>();
    final PriorityQueue<Timer> paneTimers = new PriorityQueue<>(IotReference::compare);
    final PriorityQueue<Timer> windowTimers = new PriorityQueue<>(IotReference::compare);
    long watermark = Long.MIN_VALUE;
    long maxSeen = Long.MIN_VALUE;
    long seq;
    long readings;
    long statsRows;
    long stddevRows;
    long anomalies;
    long alerts;
    long lateEvents;

    Simulation(Settings settings, Sink sink) {
      this.lateness = settings.allowedLateness().toMillis();
      this.outOfOrderness = settings.outOfOrderness().toMillis();
      this.sink = sink;
    }

    void reading(Reading r) {
      readings++;
      Double limit = UPPER_LIMITS.get(r.sensorType());
      if (limit != null && r.value() > limit) {
        alerts++;
        sink.alert(
            new ExpectedAlert(
                r.deviceId(),
                r.sensorType(),
                r.eventId(),
                r.eventTime(),
                r.value(),
                limit,
                "ABOVE_MAX"));
      }
      Key key =
          keys.computeIfAbsent(
              r.deviceId() + "\u0000" + r.sensorType(), k -> new Key(r.deviceId(), r.sensorType()));
      long t = r.eventTime();
      long paneStart = t - Math.floorMod(t, PANE_MS);
      long lastTimestamp = paneStart + PANE_MS - 1;
      if (lastTimestamp + lateness <= watermark) {
        lateEvents++;
        sink.late(
            new ExpectedLateEvent(
                PIPELINE,
                r.eventId(),
                key.windowKey,
                t,
                paneStart,
                paneStart + PANE_MS,
                watermark));
      } else {
        Pane pane = key.panes.get(paneStart);
        if (pane == null) {
          pane = new Pane(paneStart);
          key.panes.put(paneStart, pane);
          if (lastTimestamp > watermark) {
            paneTimers.add(new Timer(lastTimestamp, seq++, key, paneStart, true));
          }
          paneTimers.add(new Timer(lastTimestamp + lateness, seq++, key, paneStart, false));
        }
        pane.add(r.value());
        if (lastTimestamp <= watermark) {
          firePane(key, pane, watermark);
        }
      }
      maxSeen = Math.max(maxSeen, t);
      advance(maxSeen - outOfOrderness - 1);
    }

    void advance(long to) {
      if (to <= watermark) {
        return;
      }
      long before = watermark;
      watermark = to;
      // The pane operator fires first; the 1 min operator sees those panes before the watermark.
      while (!paneTimers.isEmpty() && paneTimers.peek().time() <= to) {
        Timer timer = paneTimers.poll();
        Pane pane = timer.key().panes.get(timer.start());
        if (pane == null) {
          continue;
        }
        if (timer.fire()) {
          firePane(timer.key(), pane, before);
        } else {
          timer.key().panes.remove(timer.start());
        }
      }
      while (!windowTimers.isEmpty() && windowTimers.peek().time() <= to) {
        Timer timer = windowTimers.poll();
        Key key = timer.key();
        key.windowTimers.remove(timer.start());
        if (!key.windowRevisions.containsKey(timer.start())) {
          emitWindow(key, timer.start(), 0);
        }
        prune(key, timer.time());
      }
    }

    /** One emission of a pane: its stats row, then what the 1 min and anomaly steps make of it. */
    void firePane(Key key, Pane pane, long downstreamWatermark) {
      pane.revision++;
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < pane.size; i++) {
        double v = pane.values[i];
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      double mean = sum / pane.size;
      statsRows++;
      sink.stats(
          new ExpectedStats(
              key.deviceId,
              key.type,
              pane.start,
              pane.start + PANE_MS,
              pane.size,
              mean,
              min,
              max,
              pane.revision));

      key.stored.put(pane.start, pane);
      for (long s = pane.start - WINDOW_MS + PANE_MS; s <= pane.start; s += PANE_MS) {
        long lastTimestamp = s + WINDOW_MS - 1;
        if (lastTimestamp > downstreamWatermark) {
          if (key.windowTimers.add(s)) {
            windowTimers.add(new Timer(lastTimestamp, seq++, key, s, true));
          }
        } else if (lastTimestamp + lateness > downstreamWatermark
            && key.windowRevisions.containsKey(s)) {
          emitWindow(key, s, key.windowRevisions.get(s) + 1);
        }
      }

      if (pane.revision == 0) {
        score(key, pane.start, mean);
      }
    }

    void emitWindow(Key key, long start, int revision) {
      long n = 0;
      double sum = 0;
      for (Pane p : key.stored.subMap(start, start + WINDOW_MS).values()) {
        for (int i = 0; i < p.size; i++) {
          sum += p.values[i];
        }
        n += p.size;
      }
      if (n == 0) {
        return;
      }
      double mean = sum / n;
      double squares = 0;
      for (Pane p : key.stored.subMap(start, start + WINDOW_MS).values()) {
        for (int i = 0; i < p.size; i++) {
          double d = p.values[i] - mean;
          squares += d * d;
        }
      }
      key.windowRevisions.put(start, revision);
      stddevRows++;
      sink.stddev(
          new ExpectedStddev(
              key.deviceId,
              key.type,
              start,
              start + WINDOW_MS,
              n,
              mean,
              Math.sqrt(squares / n),
              revision));
    }

    void score(Key key, long paneStart, double mean) {
      if (key.baselineWindows >= WARM_UP_WINDOWS) {
        double sigma = Math.sqrt(key.baselineVariance);
        double z = (mean - key.baselineMean) / Math.max(sigma, MIN_STDDEV);
        if (Math.abs(z) > Z_THRESHOLD) {
          anomalies++;
          sink.anomaly(
              new ExpectedAnomaly(
                  key.deviceId,
                  key.type,
                  paneStart,
                  paneStart + PANE_MS,
                  mean,
                  key.baselineMean,
                  sigma,
                  z));
        }
      }
      if (key.baselineWindows == 0) {
        key.baselineMean = mean;
        key.baselineVariance = 0;
      } else {
        double d = mean - key.baselineMean;
        key.baselineVariance = (1 - ALPHA) * (key.baselineVariance + ALPHA * d * d);
        key.baselineMean += ALPHA * d;
      }
      key.baselineWindows++;
    }

    /**
     * Forgets panes and windows no window within the allowed lateness can use again, as of a timer
     * at {@code time} (not the watermark, which jumps to MAX at the end of the input).
     */
    void prune(Key key, long time) {
      long bound = time - lateness - WINDOW_MS;
      key.stored.headMap(bound, true).clear();
      key.windowRevisions.keySet().removeIf(s -> s <= bound);
    }
  }

  private static int compare(Timer a, Timer b) {
    int c = Long.compare(a.time(), b.time());
    return c != 0 ? c : Long.compare(a.seq(), b.seq());
  }
}
