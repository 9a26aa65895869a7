package io.freshet.serving;

import java.io.Serializable;

/**
 * Turns one record into the values of a table's columns, in column order; serializable because it
 * travels inside the Flink sink.
 *
 * <p>Value types per column are those documented on {@link SqlType}; null means SQL NULL.
 */
@FunctionalInterface
public interface RowMapper<T> extends Serializable {

  /** The column values of the row, one per column of the table, in the table's column order. */
  Object[] toColumns(T row);
}
