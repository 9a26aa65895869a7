package io.freshet.bench.report;

import io.freshet.bench.Figures;
import io.freshet.bench.harness.ScenarioResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;

/** {@code throughput.png}: every recorded throughput figure, Kafka's ceiling first. */
final class ThroughputChart {
  static final String FILE = "throughput.png";
  static final String SERIES = "events/s";

  /** Which figure of which scenario a bar shows, top to bottom. */
  private record Bar(String scenario, String figure, String label) {}

  private static final List<Bar> BARS =
      List.of(
          new Bar("kafka-limit", Figures.PRODUCE_RATE, "Kafka produce"),
          new Bar("kafka-limit", Figures.CONSUME_RATE, "Kafka consume"),
          new Bar("kafka-limit", Figures.PRODUCE_CONSUME_RATE, "Kafka produce+consume"),
          new Bar("flink-passthrough", Figures.THROUGHPUT, "Flink passthrough"),
          new Bar("fraud-throughput", Figures.THROUGHPUT, "Fraud pipeline"),
          new Bar(
              "velocity-textbook", Figures.FRESHET_THROUGHPUT, "Fraud pipeline (velocity backlog)"),
          new Bar("velocity-textbook", Figures.TEXTBOOK_THROUGHPUT, "Textbook sliding-window job"),
          new Bar("analytics-throughput", Figures.CLICKSTREAM_THROUGHPUT, "Clickstream analytics"),
          new Bar("analytics-throughput", Figures.IOT_THROUGHPUT, "IoT analytics"));

  private ThroughputChart() {}

  /** One value per bar whose scenario and figure were recorded, in {@link #SERIES}. */
  static DefaultCategoryDataset dataset(Map<String, ScenarioResult> results) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (Bar bar : BARS) {
      ScenarioResult result = results.get(bar.scenario());
      if (result != null && Double.isFinite(result.figure(bar.figure()))) {
        dataset.addValue(result.figure(bar.figure()), SERIES, bar.label());
      }
    }
    return dataset;
  }

  /** The chart, or empty when no throughput was recorded. */
  static Optional<JFreeChart> chart(Map<String, ScenarioResult> results) {
    DefaultCategoryDataset dataset = dataset(results);
    if (dataset.getColumnCount() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        ChartStyle.countBars("Throughput on this machine (events/s)", "events/s", dataset));
  }
}
