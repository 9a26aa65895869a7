package io.freshet.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Writes charts as 900 x 500 PNG files without a display. */
final class PngWriter {
  static final int WIDTH = 900;
  static final int HEIGHT = 500;

  private PngWriter() {}

  /** Makes AWT headless unless the JVM was told otherwise; call before any chart is built. */
  static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Writes {@code chart} to {@code dir/fileName}, creating {@code dir}, and returns the file. */
  static Path write(JFreeChart chart, Path dir, String fileName) {
    Path file = dir.resolve(fileName);
    try {
      Files.createDirectories(dir);
      ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + file, e);
    }
    return file;
  }
}
