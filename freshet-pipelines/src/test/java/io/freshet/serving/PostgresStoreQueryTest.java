package io.freshet.serving;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** View queries and the console on PostgreSQL, plus PostgreSQL's own guards. */
class PostgresStoreQueryTest extends StoreQueryContract {
  @RegisterExtension static final PostgresServer POSTGRES = new PostgresServer();

  @Override
  String newStoreUrl() {
    return POSTGRES.newStoreUrl();
  }

  @Test
  void consoleTransactionIsReadOnly() throws Exception {
    // Given a sequence (nextval passes the statement check but writes)
    try (Connection connection = store.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SEQUENCE seq");
    }

    // When the console calls nextval, Then PostgreSQL refuses it in the read-only transaction
    assertThatThrownBy(() -> console.query("SELECT nextval('seq')"))
        .isInstanceOf(BadQueryException.class)
        .hasMessage("query failed: ERROR: cannot execute nextval() in a read-only transaction");
  }

  @Test
  void consoleTransactionRefusesWritesThatGotPastTheCheck() {
    // Given a writing statement that got past the statement check
    String write =
        "WITH x AS (SELECT 1) INSERT INTO sensor_stats_5s (device_id, sensor_type, window_start)"
            + " VALUES ('intruder', 'power', TIMESTAMP '2026-11-26 12:00:00') RETURNING device_id";

    // When the console's transaction runs it, Then PostgreSQL refuses to write
    assertThatThrownBy(() -> console.execute(write))
        .isInstanceOf(BadQueryException.class)
        .hasMessage("query failed: ERROR: cannot execute INSERT in a read-only transaction");
  }

  @Test
  void consoleCannotReadHostFilesAsAnOrdinaryRole() {
    // When a query tries to read a file of the host, Then the store role may not
    assertThatThrownBy(() -> console.query("SELECT pg_read_file('/etc/hostname')"))
        .isInstanceOf(BadQueryException.class)
        .hasMessage("query failed: ERROR: permission denied for function pg_read_file");
  }
}
