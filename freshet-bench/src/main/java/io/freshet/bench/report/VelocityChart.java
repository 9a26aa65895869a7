package io.freshet.bench.report;

import io.freshet.bench.Figures;
import io.freshet.bench.harness.ScenarioResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;

/** {@code velocity-textbook.png}: planted bursts against the alerts each job raised for them. */
final class VelocityChart {
  static final String FILE = "velocity-textbook.png";
  static final String SCENARIO = "velocity-textbook";
  static final String SERIES = "count";

  /** Figure names and their bar labels, top to bottom. */
  private static final List<Map.Entry<String, String>> BARS =
      List.of(
          Map.entry(Figures.BURSTS, "planted bursts"),
          Map.entry(Figures.EXACT_ALERTS, "Freshet exact alerts"),
          Map.entry(Figures.TEXTBOOK_ALERTS, "textbook alerts"),
          Map.entry(Figures.TEXTBOOK_MISSED, "bursts textbook missed"),
          Map.entry(Figures.TEXTBOOK_REPEATED, "textbook repeated alerts"));

  private VelocityChart() {}

  /** One value per alert count the velocity-textbook result recorded, in {@link #SERIES}. */
  static DefaultCategoryDataset dataset(Map<String, ScenarioResult> results) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    ScenarioResult result = results.get(SCENARIO);
    if (result == null) {
      return dataset;
    }
    for (Map.Entry<String, String> bar : BARS) {
      double value = result.figure(bar.getKey());
      if (Double.isFinite(value)) {
        dataset.addValue(value, SERIES, bar.getValue());
      }
    }
    return dataset;
  }

  /** The chart, or empty when no alert count was recorded. */
  static Optional<JFreeChart> chart(Map<String, ScenarioResult> results) {
    DefaultCategoryDataset dataset = dataset(results);
    if (dataset.getColumnCount() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        ChartStyle.countBars(
            "Velocity bursts and alerts: Freshet vs textbook sliding window", "count", dataset));
  }
}
