package io.freshet.serving;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A typed descriptor of one serving table: its name, columns, natural key, time column and how a
 * record becomes a row.
 *
 * @param name lowercase SQL table name, also the view name of {@link ViewQuery}
 * @param columns all columns in order; the key columns form the primary key
 * @param timeColumn the TIMESTAMP column {@code from}/{@code to} bound in view queries
 * @param revisionColumn the INTEGER column counting re-emissions of the same key, or null when a
 *     key is written once; a row never replaces one with a higher revision
 * @param mapper record to column values
 * @param <T> the record type written into the table
 */
public record ServingTable<T>(
    String name,
    List<Column> columns,
    String timeColumn,
    String revisionColumn,
    RowMapper<T> mapper)
    implements Serializable {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public ServingTable {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain lowercase SQL name: " + name);
    }
    columns = List.copyOf(columns);
    Objects.requireNonNull(mapper, "mapper");
    if (columns.stream().noneMatch(Column::key)) {
      throw new IllegalArgumentException(name + " has no key column");
    }
    if (columns.stream().map(Column::name).distinct().count() != columns.size()) {
      throw new IllegalArgumentException(name + " repeats a column name");
    }
    Column time = findColumn(columns, timeColumn);
    if (time == null || time.type() != SqlType.TIMESTAMP) {
      throw new IllegalArgumentException(name + ": time column must be a TIMESTAMP column");
    }
    if (revisionColumn != null) {
      Column revision = findColumn(columns, revisionColumn);
      if (revision == null || revision.type() != SqlType.INTEGER || revision.key()) {
        throw new IllegalArgumentException(name + ": revision column must be a non-key INTEGER");
      }
    }
  }

  /** The natural primary key, in column order. */
  public List<Column> keyColumns() {
    return columns.stream().filter(Column::key).toList();
  }

  /** The column with this name, if the table has one. */
  public Optional<Column> column(String columnName) {
    return Optional.ofNullable(findColumn(columns, columnName));
  }

  /** The position of a column in {@link #columns()}. */
  public int indexOf(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(columnName)) {
        return i;
      }
    }
    throw new IllegalArgumentException(name + " has no column " + columnName);
  }

  /**
   * The column values of a record, checked against the column types so a wrong mapper fails on the
   * record rather than as a driver error at checkpoint time.
   *
   * @throws IllegalArgumentException when a value does not fit its column or a key is null
   */
  public Object[] toColumns(T row) {
    Object[] values = mapper.toColumns(row);
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          name + ": mapper gave " + values.length + " values for " + columns.size() + " columns");
    }
    for (int i = 0; i < values.length; i++) {
      Column column = columns.get(i);
      Object value = values[i];
      if (value == null) {
        if (column.key()) {
          throw new IllegalArgumentException(name + "." + column.name() + " is a key, not null");
        }
      } else if (!javaType(column.type()).isInstance(value)) {
        throw new IllegalArgumentException(
            name
                + "."
                + column.name()
                + " takes "
                + javaType(column.type()).getSimpleName()
                + ", not "
                + value.getClass().getSimpleName());
      }
    }
    return values;
  }

  /** The natural key of a row's column values, comparable with equals. */
  public List<Object> keyOf(Object[] values) {
    List<Object> key = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).key()) {
        key.add(values[i]);
      }
    }
    return key;
  }

  /**
   * Whether a row (column values) may replace the current one of the same key: always, unless its
   * revision is lower, so a replay of an older revision never undoes a newer one.
   */
  public boolean replaces(Object[] candidate, Object[] current) {
    if (revisionColumn == null) {
      return true;
    }
    int i = indexOf(revisionColumn);
    return ((Integer) candidate[i]) >= ((Integer) current[i]);
  }

  /** The CREATE TABLE IF NOT EXISTS statement, the same for both engines. */
  public String createTableSql() {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(quote(name));
    sql.append(" (");
    for (Column column : columns) {
      sql.append(quote(column.name())).append(' ').append(column.type().ddl());
      if (column.key()) {
        sql.append(" NOT NULL");
      }
      sql.append(", ");
    }
    sql.append("PRIMARY KEY (").append(join(keyColumns())).append("))");
    return sql.toString();
  }

  /**
   * One ALTER TABLE … ADD COLUMN IF NOT EXISTS per value column, which upgrades a table created
   * before a column was added (new columns are null in old rows); no-ops otherwise.
   */
  public List<String> addMissingColumnsSql() {
    List<String> statements = new ArrayList<>();
    for (Column column : columns) {
      if (!column.key()) {
        statements.add(
            "ALTER TABLE "
                + quote(name)
                + " ADD COLUMN IF NOT EXISTS "
                + quote(column.name())
                + ' '
                + column.type().ddl());
      }
    }
    return statements;
  }

  @Override
  public String toString() {
    return "ServingTable[" + name + " " + Arrays.toString(columns.toArray()) + "]";
  }

  static String quote(String identifier) {
    // Identifiers come only from descriptors (checked against NAME), so quoting cannot be escaped;
    // it keeps names such as count, min, max and value safe from any keyword list.
    return '"' + identifier + '"';
  }

  static String join(List<Column> columns) {
    return String.join(", ", columns.stream().map(c -> quote(c.name())).toList());
  }

  static Class<?> javaType(SqlType type) {
    return switch (type) {
      case VARCHAR, JSON -> String.class;
      case BIGINT, TIMESTAMP -> Long.class;
      case INTEGER -> Integer.class;
      case DOUBLE -> Double.class;
      case DECIMAL -> BigDecimal.class;
      case BOOLEAN -> Boolean.class;
    };
  }

  private static Column findColumn(List<Column> columns, String columnName) {
    for (Column column : columns) {
      if (column.name().equals(columnName)) {
        return column;
      }
    }
    return null;
  }
}
