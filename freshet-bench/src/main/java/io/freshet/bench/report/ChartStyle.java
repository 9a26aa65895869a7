package io.freshet.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;

/** The look every benchmark chart shares: flat labelled horizontal bars on white. */
final class ChartStyle {
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font AXIS_LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font ITEM_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
  private static final Color[] SERIES = {
    new Color(0x1F, 0x77, 0xB4),
    new Color(0xFF, 0x7F, 0x0E),
    new Color(0x2C, 0xA0, 0x2C),
    new Color(0xD6, 0x27, 0x28),
    new Color(0x94, 0x67, 0xBD),
    new Color(0x8C, 0x56, 0x4B),
    new Color(0xE3, 0x77, 0xC2),
    new Color(0x7F, 0x7F, 0x7F)
  };

  private ChartStyle() {}

  /** Whole numbers with thousands separators, e.g. {@code 123,456}. */
  static NumberFormat wholeNumbers() {
    return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
  }

  /** One bar per category, each labelled with its value in {@link #wholeNumbers()}. */
  static JFreeChart countBars(String title, String valueAxisLabel, CategoryDataset dataset) {
    JFreeChart chart = bars(title, valueAxisLabel, dataset, false);
    CategoryPlot plot = chart.getCategoryPlot();
    NumberAxis values = (NumberAxis) plot.getRangeAxis();
    values.setNumberFormatOverride(wholeNumbers());
    values.setUpperMargin(0.15);
    labelBars(plot, new StandardCategoryItemLabelGenerator("{2}", wholeNumbers()));
    return chart;
  }

  /** Horizontal bars of {@code dataset}, one colour per series, styled but not yet labelled. */
  static JFreeChart bars(
      String title, String valueAxisLabel, CategoryDataset dataset, boolean legend) {
    PngWriter.headless();
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, null, valueAxisLabel, dataset, PlotOrientation.HORIZONTAL, legend, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(8, 8, 8, 24));
    chart.getTitle().setFont(TITLE);
    LegendTitle legendTitle = chart.getLegend();
    if (legendTitle != null) {
      legendTitle.setItemFont(TICK);
    }
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    plot.setRangeGridlinePaint(GRID);
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    CategoryAxis categories = plot.getDomainAxis();
    categories.setTickLabelFont(TICK);
    categories.setMaximumCategoryLabelWidthRatio(0.35f);
    styleValueAxis(plot.getRangeAxis());
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setItemMargin(0.05);
    for (int series = 0; series < dataset.getRowCount(); series++) {
      renderer.setSeriesPaint(series, SERIES[series % SERIES.length]);
    }
    return chart;
  }

  /** Fonts for a value axis, also for one that replaces the chart's own. */
  static void styleValueAxis(ValueAxis axis) {
    axis.setLabelFont(AXIS_LABEL);
    axis.setTickLabelFont(TICK);
  }

  /** Writes each bar's value just past its end. */
  static void labelBars(CategoryPlot plot, CategoryItemLabelGenerator labels) {
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setDefaultItemLabelGenerator(labels);
    renderer.setDefaultItemLabelFont(ITEM_LABEL);
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
  }
}
