package io.freshet.runtime.status;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads counter, gauge and histogram values out of a registry scrape, by name and label values. */
final class MetricValues {
  /** One numeric data point. */
  record Point(Labels labels, double value) {}

  /** A histogram bucket: observations at most {@code upperBound}, cumulative. */
  record Bucket(double upperBound, long cumulativeCount) {}

  private final MetricSnapshots snapshots;

  MetricValues(MetricSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  /** The data points of a counter (name without {@code _total}) or gauge. */
  List<Point> points(String name) {
    List<Point> points = new ArrayList<>();
    for (MetricSnapshot s : snapshots) {
      if (!s.getMetadata().getName().equals(name)) {
        continue;
      }
      for (DataPointSnapshot p : s.getDataPoints()) {
        if (p instanceof CounterSnapshot.CounterDataPointSnapshot c) {
          points.add(new Point(c.getLabels(), c.getValue()));
        } else if (p instanceof GaugeSnapshot.GaugeDataPointSnapshot g) {
          points.add(new Point(g.getLabels(), g.getValue()));
        }
      }
    }
    return points;
  }

  /** Sum over the points whose label {@code key} equals {@code value}. */
  double sum(String name, String key, String value) {
    return points(name).stream()
        .filter(p -> value.equals(p.labels().get(key)))
        .mapToDouble(Point::value)
        .sum();
  }

  /** Maximum over the points whose label {@code key} equals {@code value}, NaN when none. */
  double max(String name, String key, String value) {
    return points(name).stream()
        .filter(p -> value.equals(p.labels().get(key)))
        .mapToDouble(Point::value)
        .max()
        .orElse(Double.NaN);
  }

  /**
   * The classic buckets of a histogram, cumulative and in ascending order of bound, summed over the
   * points whose label {@code key} equals {@code value}; empty when there are none.
   */
  List<Bucket> histogram(String name, String key, String value) {
    Map<Double, Long> perBound = new TreeMap<>();
    for (MetricSnapshot s : snapshots) {
      if (!(s instanceof HistogramSnapshot h) || !s.getMetadata().getName().equals(name)) {
        continue;
      }
      for (HistogramSnapshot.HistogramDataPointSnapshot p : h.getDataPoints()) {
        if (!value.equals(p.getLabels().get(key))) {
          continue;
        }
        ClassicHistogramBuckets buckets = p.getClassicBuckets();
        for (int i = 0; i < buckets.size(); i++) {
          perBound.merge(buckets.getUpperBound(i), buckets.getCount(i), Long::sum);
        }
      }
    }
    List<Bucket> cumulative = new ArrayList<>();
    long running = 0;
    for (Map.Entry<Double, Long> b : perBound.entrySet()) {
      running += b.getValue();
      cumulative.add(new Bucket(b.getKey(), running));
    }
    return cumulative;
  }
}
