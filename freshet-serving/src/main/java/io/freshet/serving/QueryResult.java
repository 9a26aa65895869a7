package io.freshet.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a console query: column names and rows of JSON-ready values, with a plain-text
 * table and a JSON rendering.
 *
 * <p>{@link #toJson()} / {@link #fromJson(String)} carry a result over HTTP without changing how it
 * prints, so {@code freshet sql} renders a remote result exactly like a local one.
 *
 * @param columns column names in select order (may repeat)
 * @param rows row values in column order: null, String, Boolean, Number or List
 * @param truncated true when the query had more rows than the console returns
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  public QueryResult {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + row.size() + " values for " + columns.size() + " columns");
      }
      // Not List.copyOf: values may be null.
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  /**
   * The result as a JSON object: {@code {"columns":[...],"rows":[[...],...],"truncated":false}}.
   * Rows are arrays because a query may repeat a column name.
   */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("columns", columns);
    json.put("rows", rows.stream().map(QueryResult::normalized).toList());
    json.put("truncated", truncated);
    return write(json);
  }

  /**
   * The rows as a JSON array of objects, column name to value ({@code freshet sql --json}); a
   * repeated column name keeps its last value.
   */
  public String toJsonRecords() {
    List<Map<String, Object>> records = new ArrayList<>();
    for (List<Object> row : rows) {
      Map<String, Object> record = new LinkedHashMap<>();
      List<Object> values = normalized(row);
      for (int i = 0; i < columns.size(); i++) {
        record.put(columns.get(i), values.get(i));
      }
      records.add(record);
    }
    return write(records);
  }

  /**
   * Reads a result written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when the text is not such a result
   */
  public static QueryResult fromJson(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.path("columns").isArray() || !root.path("rows").isArray()) {
        throw new IllegalArgumentException("not a query result: " + json);
      }
      List<String> columns = new ArrayList<>();
      root.path("columns").forEach(c -> columns.add(c.asText()));
      List<List<Object>> rows = new ArrayList<>();
      for (JsonNode row : root.path("rows")) {
        List<Object> values = new ArrayList<>();
        for (JsonNode value : row) {
          values.add(JSON.treeToValue(value, Object.class));
        }
        rows.add(values);
      }
      return new QueryResult(columns, rows, root.path("truncated").asBoolean(false));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a query result: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * A plain-text table: a header, a rule, one line per row (number columns right-aligned, NULL for
   * null), and a row count.
   */
  public String toTable() {
    int n = columns.size();
    List<String[]> cells = new ArrayList<>();
    boolean[] numeric = new boolean[n];
    java.util.Arrays.fill(numeric, true);
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      widths[i] = columns.get(i).length();
    }
    for (List<Object> row : rows) {
      String[] line = new String[n];
      for (int i = 0; i < n; i++) {
        Object value = row.get(i);
        line[i] = text(value);
        if (value != null && !(value instanceof Number)) {
          numeric[i] = false;
        }
        widths[i] = Math.max(widths[i], line[i].length());
      }
      cells.add(line);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      appendCell(out, columns.get(i), widths[i], numeric[i], i == n - 1);
    }
    out.append('\n');
    for (int i = 0; i < n; i++) {
      out.append("-".repeat(widths[i]));
      out.append(i == n - 1 ? "" : "-+-");
    }
    out.append('\n');
    for (String[] line : cells) {
      for (int i = 0; i < n; i++) {
        appendCell(out, line[i], widths[i], numeric[i], i == n - 1);
      }
      out.append('\n');
    }
    out.append('(').append(rows.size()).append(rows.size() == 1 ? " row" : " rows");
    if (truncated) {
      out.append(", truncated");
    }
    out.append(")\n");
    return out.toString();
  }

  private static void appendCell(
      StringBuilder out, String text, int width, boolean right, boolean last) {
    String pad = " ".repeat(width - text.length());
    if (right) {
      out.append(pad).append(text);
    } else {
      out.append(text);
      if (!last) {
        out.append(pad);
      }
    }
    if (!last) {
      out.append(" | ");
    }
  }

  private static String text(Object value) {
    Object normal = Values.normalizeNumber(value);
    if (normal == null) {
      return "NULL";
    }
    if (normal instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (normal instanceof List<?> list) {
      return list.stream().map(QueryResult::text).toList().toString();
    }
    // One line per row: a newline inside a value would break the table.
    return normal.toString().replace("\n", "\\n").replace("\r", "\\r");
  }

  private static List<Object> normalized(List<Object> row) {
    List<Object> values = new ArrayList<>(row.size());
    for (Object value : row) {
      values.add(Values.normalizeNumber(value));
    }
    return values;
  }

  private static String write(Object json) {
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a query result as JSON", e);
    }
  }
}
