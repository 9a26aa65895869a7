package io.freshet.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.freshet.bench.Figures;
import io.freshet.bench.harness.ScenarioResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  @TempDir Path dir;

  @Test
  void rendersEveryChartAsPngOfTheDocumentedSize() throws IOException {
    List<Path> written = Charts.render(allResults(), dir);

    assertThat(written)
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "throughput.png",
            "fraud-latency-processing.png",
            "fraud-latency-visible.png",
            "velocity-textbook.png");
    assertThat(filesIn(dir))
        .containsExactlyInAnyOrderElementsOf(
            written.stream().map(p -> p.getFileName().toString()).toList());
    for (Path file : written) {
      assertThat(file.getParent()).isEqualTo(dir);
      BufferedImage image = ImageIO.read(file.toFile());
      assertThat(image).as(file.toString()).isNotNull();
      assertThat(image.getWidth()).isEqualTo(900);
      assertThat(image.getHeight()).isEqualTo(500);
    }
  }

  @Test
  void rendersNothingWithoutResults() throws IOException {
    assertThat(Charts.render(Map.of(), dir)).isEmpty();
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void rendersOnlyWhatTheResultsAllow() throws IOException {
    Map<String, ScenarioResult> results =
        results(
            new ScenarioResult.Builder("kafka-limit", false)
                .figure(Figures.PRODUCE_RATE, 400_000)
                .figure(Figures.KAFKA_E2E_P50, 2)
                .build());

    List<Path> written = Charts.render(results, dir);

    assertThat(written).containsExactly(dir.resolve("throughput.png"));
    assertThat(filesIn(dir)).containsExactly("throughput.png");
  }

  @Test
  void throughputHasOneBarPerRecordedFigureInOrder() {
    CategoryDataset dataset = ThroughputChart.dataset(allResults());

    assertThat(dataset.getRowKeys()).containsExactly(ThroughputChart.SERIES);
    assertThat(cells(dataset))
        .containsExactly(
            entry("events/s|Kafka produce", 412_345.0),
            entry("events/s|Kafka consume", 987_654.0),
            entry("events/s|Kafka produce+consume", 290_876.0),
            entry("events/s|Flink passthrough", 150_000.0),
            entry("events/s|Fraud pipeline", 61_234.5),
            entry("events/s|Fraud pipeline (velocity backlog)", 58_000.0),
            entry("events/s|Textbook sliding-window job", 9_100.0),
            entry("events/s|Clickstream analytics", 45_000.0),
            entry("events/s|IoT analytics", 52_000.0));
  }

  @Test
  void throughputLeavesOutMissingScenariosAndFigures() {
    Map<String, ScenarioResult> results =
        results(
            new ScenarioResult.Builder("fraud-throughput", true)
                .figure(Figures.THROUGHPUT, 1_000)
                .build(),
            new ScenarioResult.Builder("analytics-throughput", true)
                .figure(Figures.IOT_THROUGHPUT, 2_000)
                .figure(Figures.IOT_THROUGHPUT + "_unrelated", 3_000)
                .build());

    assertThat(cells(ThroughputChart.dataset(results)))
        .containsExactly(
            entry("events/s|Fraud pipeline", 1_000.0), entry("events/s|IoT analytics", 2_000.0));
    assertThat(ThroughputChart.dataset(Map.of()).getColumnCount()).isZero();
  }

  @Test
  void latencyHasOneSeriesPerRateAscendingThenKafka() {
    CategoryDataset processing = LatencyChart.dataset(allResults(), LatencyChart.Kind.PROCESSING);

    assertThat(processing.getRowKeys())
        .containsExactly("1,000 events/s", "20,000 events/s", "Kafka end-to-end");
    assertThat(processing.getColumnKeys()).containsExactly("p50", "p90", "p99", "p99.9", "max");
    Map<String, Number> expected = new LinkedHashMap<>();
    expected.put("1,000 events/s|p50", 0.0);
    expected.put("1,000 events/s|p90", 1.0);
    expected.put("1,000 events/s|p99", 3.0);
    expected.put("1,000 events/s|p99.9", 8.0);
    expected.put("1,000 events/s|max", 40.0);
    expected.put("20,000 events/s|p50", 2.0);
    expected.put("20,000 events/s|p90", 5.0);
    expected.put("20,000 events/s|p99", 12.0);
    expected.put("20,000 events/s|p99.9", 30.0);
    expected.put("20,000 events/s|max", 150.0);
    expected.put("Kafka end-to-end|p50", 1.5);
    expected.put("Kafka end-to-end|p90", null);
    expected.put("Kafka end-to-end|p99", 4.0);
    expected.put("Kafka end-to-end|p99.9", 9.0);
    expected.put("Kafka end-to-end|max", null);
    assertThat(cells(processing)).containsExactlyEntriesOf(expected);
  }

  @Test
  void latencyKeepsKindsApartAndOnlyPercentilesPresent() {
    Map<String, ScenarioResult> results =
        results(
            new ScenarioResult.Builder("fraud-latency", false)
                .figure(Figures.latency(500, "visible", "p99"), 1_200)
                .figure(Figures.latency(500, "visible", "p50"), 900)
                .figure(Figures.latency(500, "processing", "p50"), 1)
                .figure("rate_500.visible.p75_ms", 1_000)
                .build());

    CategoryDataset visible = LatencyChart.dataset(results, LatencyChart.Kind.VISIBLE);

    assertThat(visible.getRowKeys()).containsExactly("500 events/s");
    assertThat(cells(visible))
        .containsExactly(entry("500 events/s|p50", 900.0), entry("500 events/s|p99", 1_200.0));
  }

  @Test
  void noLatencyChartWithoutFraudLatency() {
    Map<String, ScenarioResult> kafkaOnly =
        results(
            new ScenarioResult.Builder("kafka-limit", false)
                .figure(Figures.KAFKA_E2E_P50, 2)
                .build());

    for (LatencyChart.Kind kind : LatencyChart.Kind.values()) {
      assertThat(LatencyChart.dataset(kafkaOnly, kind).getColumnCount()).isZero();
      assertThat(LatencyChart.chart(kafkaOnly, kind)).isEmpty();
    }
  }

  @Test
  void velocityCountsInOrder() {
    CategoryDataset dataset = VelocityChart.dataset(allResults());

    assertThat(cells(dataset))
        .containsExactly(
            entry("count|planted bursts", 200.0),
            entry("count|Freshet exact alerts", 200.0),
            entry("count|textbook alerts", 1_450.0),
            entry("count|bursts textbook missed", 17.0),
            entry("count|textbook repeated alerts", 1_267.0));
  }

  private static Map<String, ScenarioResult> allResults() {
    return results(
        new ScenarioResult.Builder("kafka-limit", false)
            .figure(Figures.PRODUCE_RATE, 412_345)
            .figure(Figures.CONSUME_RATE, 987_654)
            .figure(Figures.PRODUCE_CONSUME_RATE, 290_876)
            .figure(Figures.KAFKA_E2E_P50, 1.5)
            .figure(Figures.KAFKA_E2E_P99, 4)
            .figure(Figures.KAFKA_E2E_P999, 9)
            .build(),
        new ScenarioResult.Builder("flink-passthrough", false)
            .figure(Figures.THROUGHPUT, 150_000)
            .build(),
        new ScenarioResult.Builder("fraud-throughput", false)
            .figure(Figures.THROUGHPUT, 61_234.5)
            .figure(Figures.RATIO_KAFKA, 0.21)
            .build(),
        fraudLatency(),
        new ScenarioResult.Builder("velocity-textbook", false)
            .figure(Figures.FRESHET_THROUGHPUT, 58_000)
            .figure(Figures.TEXTBOOK_THROUGHPUT, 9_100)
            .figure(Figures.BURSTS, 200)
            .figure(Figures.EXACT_ALERTS, 200)
            .figure(Figures.TEXTBOOK_ALERTS, 1_450)
            .figure(Figures.TEXTBOOK_MISSED, 17)
            .figure(Figures.TEXTBOOK_REPEATED, 1_267)
            .build(),
        new ScenarioResult.Builder("analytics-throughput", false)
            .figure(Figures.CLICKSTREAM_THROUGHPUT, 45_000)
            .figure(Figures.IOT_THROUGHPUT, 52_000)
            .build());
  }

  /** Two rates recorded out of order; visible latency spans orders of magnitude (log axis). */
  private static ScenarioResult fraudLatency() {
    ScenarioResult.Builder b = new ScenarioResult.Builder("fraud-latency", false);
    double[][] processing = {{2, 5, 12, 30, 150}, {0, 1, 3, 8, 40}};
    double[][] visible = {{450, 900, 1_100, 1_500, 2_600}, {210, 400, 700, 900, 1_000}};
    int[] rates = {20_000, 1_000};
    String[] percentiles = {"p50", "p90", "p99", "p999", "max"};
    for (int r = 0; r < rates.length; r++) {
      for (int p = 0; p < percentiles.length; p++) {
        b.figure(Figures.latency(rates[r], "processing", percentiles[p]), processing[r][p]);
        b.figure(Figures.latency(rates[r], "visible", percentiles[p]), visible[r][p]);
      }
    }
    return b.parameter("rates", Arrays.toString(rates)).build();
  }

  private static Map<String, ScenarioResult> results(ScenarioResult... results) {
    Map<String, ScenarioResult> byName = new LinkedHashMap<>();
    for (ScenarioResult r : results) {
      byName.put(r.scenario(), r);
    }
    return byName;
  }

  /** Every cell as "row|column" to its value (null when absent), in dataset order. */
  private static Map<String, Number> cells(CategoryDataset dataset) {
    Map<String, Number> cells = new LinkedHashMap<>();
    for (int row = 0; row < dataset.getRowCount(); row++) {
      for (int column = 0; column < dataset.getColumnCount(); column++) {
        Number value = dataset.getValue(row, column);
        cells.put(
            dataset.getRowKey(row) + "|" + dataset.getColumnKey(column),
            value == null ? null : value.doubleValue());
      }
    }
    return cells;
  }

  private static List<String> filesIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
