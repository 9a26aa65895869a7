package io.freshet.serving;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of a serving table.
 *
 * @param name lowercase SQL name; only these names ever reach SQL text, never user input
 * @param type its SQL type
 * @param key true when the column is part of the table's natural primary key
 */
public record Column(String name, SqlType type, boolean key) implements Serializable {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Column {
    Objects.requireNonNull(type, "type");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain lowercase SQL name: " + name);
    }
  }

  /** A primary-key column. */
  public static Column key(String name, SqlType type) {
    return new Column(name, type, true);
  }

  /** A non-key column. */
  public static Column value(String name, SqlType type) {
    return new Column(name, type, false);
  }
}
