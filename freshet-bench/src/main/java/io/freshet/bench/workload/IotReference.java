package io.freshet.bench.workload;

import io.freshet.core.iot.EwmaBaseline;
import io.freshet.core.iot.RunningStats;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.iot.SensorType;
import io.freshet.core.iot.SlidingStddev;
import io.freshet.pipelines.iot.IotKeys;
import io.freshet.pipelines.iot.IotMonitoringJob;
import io.freshet.pipelines.iot.IotSettings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The IoT pipeline's final results computed with plain loops: 5-second statistics, the 1-minute
 * standard deviation sliding every 5 seconds, EWMA anomalies and threshold alerts, per (device,
 * sensor type).
 *
 * <p>Readings must come in event-time order (as {@link SensorWorkload} makes them). The pipeline
 * then folds each key's readings into its panes in that order and merges panes in pane order, so
 * the reference uses the same core arithmetic ({@link RunningStats}, {@link SlidingStddev}, {@link
 * EwmaBaseline}) in the same order and its doubles equal the job's bit for bit. It keeps one open
 * pane and the last twelve panes per key, not the whole input.
 */
public final class IotReference {
  private static final long PANE = IotMonitoringJob.PANE.toMillis();
  private static final long WINDOW = IotMonitoringJob.STDDEV_WINDOW.toMillis();

  private IotReference() {}

  /** Receives each expected final row once; revision 0, as nothing is ever late. */
  public interface Expected {
    void stats(SensorStats5s row);

    void stddev(SensorStddev1m row);

    void anomaly(SensorAnomaly row);

    /** A reading beyond its sensor type's limit. */
    void alert(SensorReading reading);
  }

  /** What the reference saw. */
  public record Totals(
      long readings, long keys, long statsRows, long stddevRows, long anomalies, long alerts) {}

  /**
   * Replays {@code readings} under {@code settings} and hands every expected row to {@code
   * expected}.
   *
   * @throws IllegalArgumentException when the readings go back in event time
   */
  public static Totals run(
      Iterator<SensorReading> readings, IotSettings settings, Expected expected) {
    Counter counter = new Counter(expected);
    Map<String, KeyState> keys = new HashMap<>();
    long previous = Long.MIN_VALUE;
    long count = 0;
    while (readings.hasNext()) {
      SensorReading r = readings.next();
      if (r.eventTime() < previous) {
        throw new IllegalArgumentException(
            "reading " + r.eventId() + " at " + r.eventTime() + " comes after one at " + previous);
      }
      previous = r.eventTime();
      count++;
      if (settings.thresholds().breach(r).isPresent()) {
        counter.alert(r);
      }
      KeyState key =
          keys.computeIfAbsent(
              IotKeys.of(r.deviceId(), r.sensorType()),
              k -> new KeyState(r.deviceId(), r.sensorType(), settings));
      key.add(r, counter);
    }
    for (KeyState key : keys.values()) {
      key.finish(counter);
    }
    return new Totals(
        count, keys.size(), counter.stats, counter.stddev, counter.anomalies, counter.alerts);
  }

  /** Counts what it passes on. */
  private static final class Counter implements Expected {
    private final Expected next;
    long stats;
    long stddev;
    long anomalies;
    long alerts;

    Counter(Expected next) {
      this.next = next;
    }

    @Override
    public void stats(SensorStats5s row) {
      stats++;
      next.stats(row);
    }

    @Override
    public void stddev(SensorStddev1m row) {
      stddev++;
      next.stddev(row);
    }

    @Override
    public void anomaly(SensorAnomaly row) {
      anomalies++;
      next.anomaly(row);
    }

    @Override
    public void alert(SensorReading reading) {
      alerts++;
      next.alert(reading);
    }
  }

  private record Pane(long start, RunningStats stats) {}

  private static final class KeyState {
    final String deviceId;
    final SensorType type;
    final IotSettings settings;
    final ArrayDeque<Pane> closed = new ArrayDeque<>();
    long openStart = Long.MIN_VALUE;
    RunningStats open = RunningStats.empty();
    EwmaBaseline baseline;

    /** The smallest window start not emitted yet. */
    long nextWindow = Long.MIN_VALUE;

    KeyState(String deviceId, SensorType type, IotSettings settings) {
      this.deviceId = deviceId;
      this.type = type;
      this.settings = settings;
      // No equipment baselines are broadcast in the benchmark, so every key starts empty.
      this.baseline = EwmaBaseline.empty(settings.anomalies());
    }

    void add(SensorReading r, Expected expected) {
      long paneStart = SlidingStddev.paneStart(r.eventTime());
      if (paneStart != openStart) {
        closePane(expected);
        openStart = paneStart;
      }
      open = open.add(r.value());
    }

    void finish(Expected expected) {
      closePane(expected);
      emitWindows(Long.MAX_VALUE, expected);
    }

    private void closePane(Expected expected) {
      if (open.isEmpty()) {
        return;
      }
      Pane pane = new Pane(openStart, open);
      open = RunningStats.empty();
      expected.stats(
          new SensorStats5s(
              deviceId,
              type,
              pane.start,
              pane.start + PANE,
              pane.stats.count(),
              pane.stats.mean(),
              pane.stats.min(),
              pane.stats.max(),
              0));
      score(pane, expected);
      closed.addLast(pane);
      // Later panes start after this one, so windows ending by its start can gain nothing more.
      emitWindows(pane.start - WINDOW, expected);
    }

    /** What {@code AnomalyFunction} does with a pane's first emission. */
    private void score(Pane pane, Expected expected) {
      double mean = pane.stats.mean();
      OptionalDouble z = baseline.score(mean);
      if (z.isPresent() && settings.anomalies().isAnomaly(z.getAsDouble())) {
        expected.anomaly(
            new SensorAnomaly(
                deviceId,
                type,
                pane.start,
                pane.start + PANE,
                mean,
                baseline.mean(),
                baseline.stdDev(),
                z.getAsDouble()));
      }
      baseline = baseline.update(mean);
    }

    /** Emits, oldest first, every non-empty window starting at or before {@code upTo}. */
    private void emitWindows(long upTo, Expected expected) {
      while (!closed.isEmpty()) {
        Pane first = closed.peekFirst();
        if (nextWindow > first.start) {
          // Every window holding this pane was emitted.
          closed.pollFirst();
          continue;
        }
        // The oldest window holding the first pane; windows before it would be empty.
        long start = Math.max(nextWindow, first.start - WINDOW + PANE);
        if (start > upTo) {
          return;
        }
        List<RunningStats> inWindow = new ArrayList<>();
        for (Pane pane : closed) {
          if (pane.start >= start + WINDOW) {
            break;
          }
          inWindow.add(pane.stats);
        }
        RunningStats merged = SlidingStddev.combine(inWindow);
        expected.stddev(
            new SensorStddev1m(
                deviceId,
                type,
                start,
                start + WINDOW,
                merged.count(),
                merged.mean(),
                merged.populationStdDev(),
                0));
        nextWindow = start + PANE;
      }
    }
  }
}
