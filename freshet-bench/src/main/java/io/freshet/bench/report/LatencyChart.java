package io.freshet.bench.report;

import io.freshet.bench.Figures;
import io.freshet.bench.harness.ScenarioResult;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * {@code fraud-latency-processing.png} and {@code fraud-latency-visible.png}: fraud decision
 * latency percentiles, one series per input rate, beside Kafka's own end-to-end latency.
 *
 * <p>When the values span more than two orders of magnitude the ms axis is logarithmic; values
 * under 1 ms (the histograms' resolution) are then drawn as 1 ms but labelled with what was
 * measured, {@code <1} for 0.
 */
final class LatencyChart {
  static final String SCENARIO = "fraud-latency";
  static final String KAFKA_SCENARIO = "kafka-limit";
  static final String KAFKA_SERIES = "Kafka end-to-end";

  /** Which latency a chart shows, as named in {@link Figures#latency}. */
  enum Kind {
    PROCESSING(
        "processing",
        "fraud-latency-processing.png",
        "processing: input append to decision append"),
    VISIBLE(
        "visible",
        "fraud-latency-visible.png",
        "visible: input append to a read_committed consumer receiving the decision");

    final String figureKind;
    final String file;
    final String subtitle;

    Kind(String figureKind, String file, String subtitle) {
      this.figureKind = figureKind;
      this.file = file;
      this.subtitle = subtitle;
    }
  }

  private static final Pattern FIGURE =
      Pattern.compile("rate_(\\d+)\\.(processing|visible)\\.(p50|p90|p99|p999|max)_ms");

  /** Percentile names in figures and their category labels, in axis order. */
  private static final Map<String, String> PERCENTILES = new LinkedHashMap<>();

  /** Kafka's end-to-end figures and the category each belongs to. */
  private static final Map<String, String> KAFKA_PERCENTILES = new LinkedHashMap<>();

  static {
    PERCENTILES.put("p50", "p50");
    PERCENTILES.put("p90", "p90");
    PERCENTILES.put("p99", "p99");
    PERCENTILES.put("p999", "p99.9");
    PERCENTILES.put("max", "max");
    KAFKA_PERCENTILES.put(Figures.KAFKA_E2E_P50, "p50");
    KAFKA_PERCENTILES.put(Figures.KAFKA_E2E_P99, "p99");
    KAFKA_PERCENTILES.put(Figures.KAFKA_E2E_P999, "p99.9");
  }

  /** Above this ratio of largest to smallest value (at least 1 ms) the axis is logarithmic. */
  private static final double LOG_SPREAD = 100;

  /** The smallest value a bar is drawn at on a logarithmic axis: the histograms' resolution. */
  private static final double LOG_FLOOR_MS = 1;

  /** Where a logarithmic axis starts, so that a bar at {@link #LOG_FLOOR_MS} still shows. */
  private static final double LOG_AXIS_START_MS = 0.5;

  private LatencyChart() {}

  /**
   * Measured milliseconds: a row per input rate ({@code "5,000 events/s"}, ascending) then {@link
   * #KAFKA_SERIES}, a column per percentile any row has; null where a row lacks one. Empty when
   * fraud-latency recorded no latency of this kind.
   */
  static DefaultCategoryDataset dataset(Map<String, ScenarioResult> results, Kind kind) {
    Map<String, Map<String, Double>> series = rateSeries(results.get(SCENARIO), kind);
    if (!series.isEmpty()) {
      Map<String, Double> kafka = kafkaSeries(results.get(KAFKA_SCENARIO));
      if (!kafka.isEmpty()) {
        series.put(KAFKA_SERIES, kafka);
      }
    }
    List<String> columns = new ArrayList<>(PERCENTILES.values());
    columns.removeIf(c -> series.values().stream().noneMatch(v -> v.containsKey(c)));
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    series.forEach(
        (row, values) ->
            columns.forEach(column -> dataset.addValue(values.get(column), row, column)));
    return dataset;
  }

  /** Percentile label to ms, by series name, for each rate fraud-latency recorded. */
  private static Map<String, Map<String, Double>> rateSeries(ScenarioResult fraud, Kind kind) {
    Map<Integer, Map<String, Double>> byRate = new TreeMap<>();
    if (fraud != null) {
      fraud
          .figures()
          .forEach(
              (name, value) -> {
                Matcher m = FIGURE.matcher(name);
                if (m.matches()
                    && m.group(2).equals(kind.figureKind)
                    && value != null
                    && Double.isFinite(value)) {
                  byRate
                      .computeIfAbsent(Integer.parseInt(m.group(1)), r -> new LinkedHashMap<>())
                      .put(PERCENTILES.get(m.group(3)), value);
                }
              });
    }
    Map<String, Map<String, Double>> series = new LinkedHashMap<>();
    byRate.forEach(
        (rate, values) -> series.put(ChartStyle.wholeNumbers().format(rate) + " events/s", values));
    return series;
  }

  /** Percentile label to ms of Kafka's own end-to-end latency; empty without kafka-limit. */
  private static Map<String, Double> kafkaSeries(ScenarioResult kafka) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (kafka != null) {
      KAFKA_PERCENTILES.forEach(
          (figure, percentile) -> {
            if (Double.isFinite(kafka.figure(figure))) {
              values.put(percentile, kafka.figure(figure));
            }
          });
    }
    return values;
  }

  /** The chart of one kind, or empty when fraud-latency recorded no latency of that kind. */
  static Optional<JFreeChart> chart(Map<String, ScenarioResult> results, Kind kind) {
    DefaultCategoryDataset measured = dataset(results, kind);
    if (measured.getColumnCount() == 0) {
      return Optional.empty();
    }
    boolean log = logScale(measured);
    JFreeChart chart =
        ChartStyle.bars(
            "Fraud decision latency by input rate (ms)",
            log ? "ms (log scale)" : "ms",
            log ? floored(measured) : measured,
            true);
    chart.addSubtitle(new TextTitle(kind.subtitle));
    CategoryPlot plot = chart.getCategoryPlot();
    if (log) {
      LogAxis axis = new LogAxis("ms (log scale)");
      axis.setNumberFormatOverride(millis());
      axis.setSmallestValue(LOG_AXIS_START_MS);
      axis.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten
      axis.setRange(LOG_AXIS_START_MS, max(measured) * 3);
      ChartStyle.styleValueAxis(axis);
      plot.setRangeAxis(axis);
    } else {
      NumberAxis axis = (NumberAxis) plot.getRangeAxis();
      axis.setNumberFormatOverride(millis());
      axis.setUpperMargin(0.15);
    }
    ChartStyle.labelBars(plot, labels(measured));
    return Optional.of(chart);
  }

  private static boolean logScale(CategoryDataset dataset) {
    return max(dataset) / Math.max(min(dataset), LOG_FLOOR_MS) > LOG_SPREAD;
  }

  /** The dataset with every value raised to {@link #LOG_FLOOR_MS}, for a logarithmic axis. */
  private static DefaultCategoryDataset floored(DefaultCategoryDataset measured) {
    DefaultCategoryDataset floored = new DefaultCategoryDataset();
    for (int row = 0; row < measured.getRowCount(); row++) {
      for (int column = 0; column < measured.getColumnCount(); column++) {
        Number value = measured.getValue(row, column);
        floored.addValue(
            value == null ? null : Math.max(value.doubleValue(), LOG_FLOOR_MS),
            measured.getRowKey(row),
            measured.getColumnKey(column));
      }
    }
    return floored;
  }

  /** Labels each bar with the measured value, whatever the plotted one. */
  private static CategoryItemLabelGenerator labels(DefaultCategoryDataset measured) {
    return new StandardCategoryItemLabelGenerator("{2}", millis()) {
      @Override
      public String generateLabel(CategoryDataset plotted, int row, int column) {
        Number value = measured.getValue(plotted.getRowKey(row), plotted.getColumnKey(column));
        if (value == null) {
          return null;
        }
        return value.doubleValue() == 0 ? "<1" : millis().format(value);
      }
    };
  }

  private static NumberFormat millis() {
    return new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.US));
  }

  private static double max(CategoryDataset dataset) {
    return values(dataset).stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  private static double min(CategoryDataset dataset) {
    return values(dataset).stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }

  private static List<Double> values(CategoryDataset dataset) {
    List<Double> values = new ArrayList<>();
    for (int row = 0; row < dataset.getRowCount(); row++) {
      for (int column = 0; column < dataset.getColumnCount(); column++) {
        Number value = dataset.getValue(row, column);
        if (value != null) {
          values.add(value.doubleValue());
        }
      }
    }
    return values;
  }
}
