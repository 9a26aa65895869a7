package io.freshet.runtime.status;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/** Reads counter and gauge values out of a registry scrape, by name and label values. */
final class MetricValues {
  /** One numeric data point. */
  record Point(Labels labels, double value) {}

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
}
