package io.freshet.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** View queries and the console on a DuckDB file, plus DuckDB's own guards. */
class DuckDbStoreQueryTest extends StoreQueryContract {
  @TempDir Path dir;
  private final AtomicInteger stores = new AtomicInteger();

  @Override
  String newStoreUrl() {
    return ServingStore.defaultUrl(dir.resolve("store-" + stores.incrementAndGet()));
  }

  @Test
  void consoleCannotReadHostFiles() {
    // When a query tries to read a file of the host, Then DuckDB refuses it
    assertThatThrownBy(() -> console.query("SELECT * FROM read_text('/etc/hostname')"))
        .isInstanceOf(BadQueryException.class)
        .hasMessageStartingWith("query failed: Permission Error: Cannot access file");
  }

  @Test
  void consoleTransactionIsAlwaysRolledBack() throws Exception {
    // Given a writing statement that got past the statement check (DuckDB cannot make one
    // connection of the shared instance read-only)
    String write =
        "WITH x AS (SELECT 1) INSERT INTO sensor_stats_5s (device_id, sensor_type, window_start)"
            + " VALUES ('intruder', 'power', TIMESTAMP '2026-11-26 12:00:00') RETURNING device_id";

    // When the console's transaction runs it
    QueryResult result = console.execute(write);

    // Then it ran, but nothing of it stayed in the store
    assertThat(result.rows()).containsExactly(List.of("intruder"));
    assertThat(console.query("SELECT COUNT(*) FROM sensor_stats_5s").rows())
        .containsExactly(List.of(6L));
  }
}
