package io.freshet.serving;

import io.freshet.core.time.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The query behind {@code GET /api/views/{view}?from=&to=&<key>=&limit=&offset=&order=}: one page
 * of a serving table, filtered by time range and key equality.
 *
 * <ul>
 *   <li>{@code view}: the name of one of the store's tables.
 *   <li>{@code from}, {@code to}: ISO-8601 instants with offset (e.g. {@code 2026-11-26T12:00:00Z})
 *       bounding the view's time column (window_start, session_start or event_time) as {@code from
 *       <= time < to}.
 *   <li>{@code <key column>=value}: equality on a key column (timestamps as ISO-8601); other
 *       columns cannot be filtered.
 *   <li>{@code limit}: 1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}; {@code offset}: 0
 *       or more, default 0.
 *   <li>{@code order}: {@code asc} (default) or {@code desc} by time, then key.
 * </ul>
 *
 * Anything else (unknown view or parameter, repeated parameter, malformed value) is a {@link
 * BadQueryException}. User input only ever reaches the database as bound parameters; table and
 * column names come from the descriptors.
 */
public final class ViewQuery {
  /** Rows per page when no limit is given. */
  public static final int DEFAULT_LIMIT = 100;

  /** The largest page. */
  public static final int MAX_LIMIT = 1000;

  private static final Set<String> RESERVED = Set.of("from", "to", "limit", "offset", "order");

  private final ServingStore store;

  /** Queries on the given store. */
  public ViewQuery(ServingStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * One page of a view.
   *
   * @param view the view name from the path
   * @param parameters the query parameters, each name with all its values (as Javalin's {@code
   *     queryParamMap()} gives them)
   * @throws BadQueryException when the view or a parameter is unknown or malformed (HTTP 400)
   * @throws SQLException when the store fails (HTTP 500)
   */
  public ViewResult query(String view, Map<String, List<String>> parameters)
      throws BadQueryException, SQLException {
    ServingTable<?> table =
        store
            .table(view)
            .orElseThrow(
                () ->
                    new BadQueryException(
                        "unknown view '"
                            + view
                            + "'; views: "
                            + String.join(
                                ", ", store.tables().stream().map(ServingTable::name).toList())));
    Request request = parse(table, parameters == null ? Map.of() : parameters);

    StringBuilder where = new StringBuilder();
    List<Object> arguments = new ArrayList<>();
    String time = ServingTable.quote(table.timeColumn());
    if (request.from != null) {
      where.append(where.isEmpty() ? " WHERE " : " AND ").append(time).append(" >= ?");
      arguments.add(ServingStoreWriter.utc(request.from));
    }
    if (request.to != null) {
      where.append(where.isEmpty() ? " WHERE " : " AND ").append(time).append(" < ?");
      arguments.add(ServingStoreWriter.utc(request.to));
    }
    for (Map.Entry<Column, Object> filter : request.keyFilters.entrySet()) {
      where
          .append(where.isEmpty() ? " WHERE " : " AND ")
          .append(ServingTable.quote(filter.getKey().name()))
          .append(" = ?");
      arguments.add(filter.getValue());
    }
    String direction = request.descending ? " DESC" : " ASC";
    StringBuilder orderBy = new StringBuilder(" ORDER BY ").append(time).append(direction);
    for (Column key : table.keyColumns()) {
      if (!key.name().equals(table.timeColumn())) {
        orderBy.append(", ").append(ServingTable.quote(key.name())).append(direction);
      }
    }
    String from = " FROM " + ServingTable.quote(table.name()) + where;
    String pageSql =
        "SELECT " + ServingTable.join(table.columns()) + from + orderBy + " LIMIT ? OFFSET ?";
    String countSql = "SELECT COUNT(*)" + from;

    try (Connection connection = store.connect(true)) {
      connection.setAutoCommit(false);
      try {
        store.dialect().beginReadOnly(connection);
        long total;
        try (PreparedStatement count = connection.prepareStatement(countSql)) {
          bind(count, arguments);
          try (ResultSet rs = count.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
          }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement page = connection.prepareStatement(pageSql)) {
          bind(page, arguments);
          page.setLong(arguments.size() + 1, request.limit);
          page.setLong(arguments.size() + 2, request.offset);
          try (ResultSet rs = page.executeQuery()) {
            while (rs.next()) {
              Map<String, Object> row = new LinkedHashMap<>();
              for (int i = 0; i < table.columns().size(); i++) {
                Column column = table.columns().get(i);
                row.put(column.name(), Values.read(rs, i + 1, column.type()));
              }
              rows.add(Collections.unmodifiableMap(row));
            }
          }
        }
        long next = request.offset + rows.size();
        return new ViewResult(
            table.name(), rows, total, request.offset, request.limit, next < total ? next : null);
      } finally {
        // Read-only: nothing to commit, and a rollback ends the snapshot on both engines.
        connection.rollback();
      }
    }
  }

  private static void bind(PreparedStatement statement, List<Object> arguments)
      throws SQLException {
    for (int i = 0; i < arguments.size(); i++) {
      Object argument = arguments.get(i);
      if (argument instanceof String text) {
        statement.setString(i + 1, text);
      } else if (argument instanceof Long number) {
        statement.setLong(i + 1, number);
      } else if (argument instanceof Integer number) {
        statement.setInt(i + 1, number);
      } else if (argument instanceof Boolean flag) {
        statement.setBoolean(i + 1, flag);
      } else {
        statement.setObject(i + 1, argument);
      }
    }
  }

  private static Request parse(ServingTable<?> table, Map<String, List<String>> parameters)
      throws BadQueryException {
    Request request = new Request();
    // Sorted so the first complaint does not depend on the order the client wrote them in.
    for (Map.Entry<String, List<String>> parameter : new TreeMap<>(parameters).entrySet()) {
      String name = parameter.getKey();
      List<String> values = parameter.getValue();
      if (values == null || values.isEmpty()) {
        continue;
      }
      if (values.size() > 1) {
        throw new BadQueryException("parameter '" + name + "' is given more than once");
      }
      String value = values.get(0);
      if (RESERVED.contains(name)) {
        switch (name) {
          case "from" -> request.from = instant(name, value);
          case "to" -> request.to = instant(name, value);
          case "limit" -> request.limit = (int) number(name, value, 1, MAX_LIMIT);
          case "offset" -> request.offset = number(name, value, 0, Long.MAX_VALUE);
          default -> request.descending = order(value);
        }
        continue;
      }
      Column column =
          table
              .column(name)
              .orElseThrow(
                  () ->
                      new BadQueryException(
                          "unknown parameter '"
                              + name
                              + "' for view "
                              + table.name()
                              + "; filters: from, to, "
                              + String.join(
                                  ", ", table.keyColumns().stream().map(Column::name).toList())
                              + "; paging: limit, offset, order"));
      if (!column.key()) {
        throw new BadQueryException(
            "column '"
                + name
                + "' of view "
                + table.name()
                + " is not a key and cannot be filtered");
      }
      request.keyFilters.put(column, keyValue(column, value));
    }
    if (request.from != null && request.to != null && request.from > request.to) {
      throw new BadQueryException("'from' must not be after 'to'");
    }
    return request;
  }

  private static Object keyValue(Column column, String value) throws BadQueryException {
    if (value.isEmpty()) {
      throw new BadQueryException("parameter '" + column.name() + "' is empty");
    }
    return switch (column.type()) {
      case VARCHAR, JSON -> value;
      case TIMESTAMP -> ServingStoreWriter.utc(instant(column.name(), value));
      case BIGINT -> number(column.name(), value, Long.MIN_VALUE, Long.MAX_VALUE);
      case INTEGER -> (int) number(column.name(), value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case BOOLEAN -> {
        if (!value.equals("true") && !value.equals("false")) {
          throw new BadQueryException(
              "parameter '" + column.name() + "' must be true or false, was '" + value + "'");
        }
        yield Boolean.valueOf(value);
      }
      case DOUBLE, DECIMAL ->
          throw new BadQueryException("column '" + column.name() + "' cannot be filtered");
    };
  }

  private static long instant(String name, String value) throws BadQueryException {
    try {
      return Timestamps.parse(value);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new BadQueryException(
          "parameter '"
              + name
              + "' must be an ISO-8601 instant with offset, e.g. 2026-11-26T12:00:00Z, was '"
              + value
              + "'",
          e);
    }
  }

  private static long number(String name, String value, long min, long max)
      throws BadQueryException {
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new BadQueryException(
          "parameter '" + name + "' must be an integer, was '" + value + "'", e);
    }
    if (number < min || number > max) {
      throw new BadQueryException(
          "parameter '"
              + name
              + "' must be "
              + (max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max)
              + ", was "
              + number);
    }
    return number;
  }

  private static boolean order(String value) throws BadQueryException {
    return switch (value) {
      case "asc" -> false;
      case "desc" -> true;
      default ->
          throw new BadQueryException("parameter 'order' must be asc or desc, was '" + value + "'");
    };
  }

  /** The parsed parameters; mutable only while parsing. */
  private static final class Request {
    Long from;
    Long to;
    int limit = DEFAULT_LIMIT;
    long offset;
    boolean descending;
    final Map<Column, Object> keyFilters = new LinkedHashMap<>();
  }
}
