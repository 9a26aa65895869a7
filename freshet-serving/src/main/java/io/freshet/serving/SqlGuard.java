package io.freshet.serving;

import java.util.Locale;
import java.util.Set;

/**
 * Decides whether console SQL is a single read-only query, by scanning its tokens the way the
 * engines do (comments, string literals, quoted identifiers), erring on the side of refusal.
 *
 * <p>It is the first of two guards: the console also runs the statement in a read-only (or always
 * rolled-back) transaction, so a statement that slips past this scan still cannot change the store.
 */
final class SqlGuard {
  // Statement keywords that have no business in a query, anywhere in it: PostgreSQL allows DML in
  // CTEs (WITH d AS (DELETE ... RETURNING *) SELECT ...) and SELECT ... INTO creates a table.
  private static final Set<String> FORBIDDEN =
      Set.of(
          "insert",
          "update",
          "delete",
          "merge",
          "upsert",
          "into",
          "create",
          "drop",
          "alter",
          "truncate",
          "copy",
          "attach",
          "detach",
          "pragma",
          "set",
          "reset",
          "call",
          "install",
          "load",
          "export",
          "import",
          "vacuum",
          "checkpoint",
          "grant",
          "revoke",
          "begin",
          "commit",
          "rollback",
          "prepare",
          "execute",
          "deallocate",
          "listen",
          "notify",
          "lock",
          "refresh",
          "reindex",
          "discard");

  private SqlGuard() {}

  /**
   * Checks that {@code sql} is exactly one SELECT or WITH statement (an optional trailing semicolon
   * allowed).
   *
   * @throws BadQueryException naming why it is refused
   */
  static void checkSingleQuery(String sql) throws BadQueryException {
    if (sql == null || sql.isBlank()) {
      throw new BadQueryException("empty statement");
    }
    String first = null;
    boolean ended = false;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        // Not nested on purpose: where PostgreSQL nests, ending early only exposes more text to
        // this scan, never less.
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          throw new BadQueryException("unterminated comment");
        }
        i = end + 2;
      } else if (ended) {
        throw new BadQueryException("only a single statement is allowed");
      } else if (c == ';') {
        ended = true;
        i++;
      } else if (c == '\'' || c == '"') {
        i = skipQuoted(sql, i, c);
      } else if (c == '$') {
        // Dollar-quoted strings ($$...$$, $tag$...$tag$) would need PostgreSQL's exact rules to
        // find their end; parameters ($1) have no values to bind here.
        throw new BadQueryException("'$' (dollar quoting or parameters) is not supported");
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(sql.charAt(i))
                || sql.charAt(i) == '_'
                || sql.charAt(i) == '$')) {
          i++;
        }
        String word = sql.substring(start, i).toLowerCase(Locale.ROOT);
        if (i < n && sql.charAt(i) == '\'' && word.equals("e")) {
          // E'..' takes backslash escapes (\' does not end it); refusing is simpler than
          // tracking which engine reads which escapes.
          throw new BadQueryException("escape-string literals (E'...') are not supported");
        }
        if (first == null) {
          first = word;
          if (!first.equals("select") && !first.equals("with")) {
            throw new BadQueryException(
                "only SELECT or WITH queries are allowed, not " + first.toUpperCase(Locale.ROOT));
          }
        } else if (FORBIDDEN.contains(word)) {
          throw new BadQueryException(
              "a query must not contain " + word.toUpperCase(Locale.ROOT) + " (read-only)");
        }
      } else {
        if (first == null) {
          throw new BadQueryException("only SELECT or WITH queries are allowed");
        }
        i++;
      }
    }
    if (first == null) {
      throw new BadQueryException("empty statement");
    }
  }

  /** The index after a quoted literal or identifier starting at {@code start}; '' or "" escape. */
  private static int skipQuoted(String sql, int start, char quote) throws BadQueryException {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new BadQueryException(
        quote == '\'' ? "unterminated string literal" : "unterminated quoted identifier");
  }
}
