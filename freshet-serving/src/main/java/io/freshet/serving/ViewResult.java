package io.freshet.serving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a view query.
 *
 * @param view the view (table) queried
 * @param rows the page's rows, each column name to a JSON-ready value (timestamps as ISO-8601 UTC
 *     strings, JSON columns parsed, decimals without trailing zeros), in column order
 * @param total how many rows match the filters, over all pages
 * @param offset the offset of the first row of this page
 * @param limit the page size asked for
 * @param nextOffset the offset of the next page, or null when this is the last one
 */
public record ViewResult(
    String view,
    List<Map<String, Object>> rows,
    long total,
    long offset,
    int limit,
    Long nextOffset) {

  public ViewResult {
    rows = List.copyOf(rows);
  }

  /** The HTTP response body, with Freshet's snake_case field names. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("view", view);
    json.put("total", total);
    json.put("offset", offset);
    json.put("limit", limit);
    json.put("next_offset", nextOffset);
    json.put("rows", rows);
    return json;
  }
}
