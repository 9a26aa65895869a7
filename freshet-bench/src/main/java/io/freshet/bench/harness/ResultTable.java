package io.freshet.bench.harness;

import java.util.ArrayList;
import java.util.List;

/** A table a scenario prints and records: a title, column headers and rows of formatted cells. */
public record ResultTable(String title, List<String> headers, List<List<String>> rows) {
  public ResultTable {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
  }

  /** Starts a table with these column headers. */
  public static Builder titled(String title, String... headers) {
    return new Builder(title, List.of(headers));
  }

  /** Text with aligned columns, for the terminal. */
  public String render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder(title).append('\n');
    appendRow(out, headers, widths);
    StringBuilder rule = new StringBuilder();
    for (int width : widths) {
      rule.append("-".repeat(width)).append("  ");
    }
    out.append(rule.toString().stripTrailing()).append('\n');
    for (List<String> row : rows) {
      appendRow(out, row, widths);
    }
    return out.toString();
  }

  /** The same table as GitHub markdown. */
  public String markdown() {
    StringBuilder out = new StringBuilder("| ").append(String.join(" | ", headers)).append(" |\n|");
    out.append("---|".repeat(headers.size())).append('\n');
    for (List<String> row : rows) {
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      // First column left-aligned (labels), the rest right-aligned (figures).
      line.append(i == 0 ? pad(cell, widths[i], false) : pad(cell, widths[i], true)).append("  ");
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static String pad(String cell, int width, boolean right) {
    String space = " ".repeat(width - cell.length());
    return right ? space + cell : cell + space;
  }

  /** Collects rows of a table. */
  public static final class Builder {
    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Builder(String title, List<String> headers) {
      this.title = title;
      this.headers = headers;
    }

    public Builder row(String... cells) {
      if (cells.length != headers.size()) {
        throw new IllegalArgumentException(
            "row has " + cells.length + " cells, table " + title + " has " + headers.size());
      }
      rows.add(List.of(cells));
      return this;
    }

    public ResultTable build() {
      return new ResultTable(title, headers, rows);
    }
  }
}
