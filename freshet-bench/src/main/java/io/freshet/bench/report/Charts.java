package io.freshet.bench.report;

import io.freshet.bench.harness.ScenarioResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * PNG charts of the recorded results, for docs/benchmarks.md.
 *
 * <p>Files, each written only when its results are present:
 *
 * <ul>
 *   <li>{@code throughput.png}: events/s of Kafka (produce, consume, both), Flink passthrough, the
 *       fraud pipeline, the textbook job and the analytics pipelines;
 *   <li>{@code fraud-latency-processing.png}: fraud decision latency (input append to decision
 *       append) at p50, p90, p99, p99.9 and max, one series per input rate, and Kafka's own
 *       end-to-end latency;
 *   <li>{@code fraud-latency-visible.png}: the same up to a read_committed consumer receiving the
 *       decision;
 *   <li>{@code velocity-textbook.png}: planted velocity bursts and the alerts Freshet and the
 *       textbook sliding-window job raised, missed and repeated.
 * </ul>
 */
public final class Charts {
  private Charts() {}

  /**
   * Renders every chart the results allow into {@code dir}, headless; returns the files written, in
   * the order above.
   *
   * @throws java.io.UncheckedIOException when a file cannot be written
   */
  public static List<Path> render(Map<String, ScenarioResult> results, Path dir) {
    PngWriter.headless();
    List<Path> written = new ArrayList<>();
    ThroughputChart.chart(results).ifPresent(c -> write(c, dir, ThroughputChart.FILE, written));
    for (LatencyChart.Kind kind : LatencyChart.Kind.values()) {
      LatencyChart.chart(results, kind).ifPresent(c -> write(c, dir, kind.file, written));
    }
    VelocityChart.chart(results).ifPresent(c -> write(c, dir, VelocityChart.FILE, written));
    return List.copyOf(written);
  }

  private static void write(JFreeChart chart, Path dir, String file, List<Path> written) {
    written.add(PngWriter.write(chart, dir, file));
  }
}
