package io.freshet.serving;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "select * from sessions;",
        "  -- newest first\n  SELECT * FROM realtime_revenue ORDER BY window_start DESC LIMIT 5 ; ",
        "/* a; b */ SELECT ';' AS semicolon, 'it''s' AS quote, \"odd;name\" FROM t",
        "WITH t AS (SELECT 1 AS x) SELECT x FROM t",
        "SELECT 'DROP TABLE x; DELETE' AS text",
        "SELECT 1; -- a trailing comment; with semicolons",
        "SELECT \"update\" FROM t",
        "SELECT window_start, updated_at, set_config_value FROM t",
      })
  void allowsASingleQuery(String sql) {
    // When a single read-only query is checked, Then it passes
    assertThatCode(() -> SqlGuard.checkSingleQuery(sql)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          INSERT INTO t VALUES (1)                          | only SELECT or WITH queries are allowed, not INSERT
          drop table t                                      | only SELECT or WITH queries are allowed, not DROP
          UPDATE t SET x = 1                                | only SELECT or WITH queries are allowed, not UPDATE
          ATTACH 'other.duckdb'                             | only SELECT or WITH queries are allowed, not ATTACH
          COPY t TO '/tmp/out.csv'                          | only SELECT or WITH queries are allowed, not COPY
          PRAGMA database_list                              | only SELECT or WITH queries are allowed, not PRAGMA
          (SELECT 1)                                        | only SELECT or WITH queries are allowed
          SELECT 1; DROP TABLE t                            | only a single statement is allowed
          SELECT 1;; SELECT 2                               | only a single statement is allowed
          WITH d AS (DELETE FROM t RETURNING *) SELECT 1    | a query must not contain DELETE (read-only)
          WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x | a query must not contain INSERT (read-only)
          SELECT * INTO t2 FROM t                           | a query must not contain INTO (read-only)
          SELECT * FROM t FOR UPDATE                        | a query must not contain UPDATE (read-only)
          SELECT E'\\'' AS x                                | escape-string literals (E'...') are not supported
          SELECT $$x$$                                      | '$' (dollar quoting or parameters) is not supported
          SELECT * FROM t WHERE x = $1                      | '$' (dollar quoting or parameters) is not supported
          SELECT 'open                                      | unterminated string literal
          SELECT "open                                      | unterminated quoted identifier
          SELECT 1 /* open                                  | unterminated comment
          -- only a comment                                 | empty statement
          ;                                                 | empty statement
          """)
  void refusesAnythingElse(String sql, String reason) {
    // When the statement is checked, Then it is refused with the reason
    assertThatThrownBy(() -> SqlGuard.checkSingleQuery(sql))
        .isInstanceOf(BadQueryException.class)
        .hasMessage(reason);
  }
}
