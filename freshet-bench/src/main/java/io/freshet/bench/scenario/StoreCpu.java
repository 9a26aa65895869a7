package io.freshet.bench.scenario;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The CPU time a store's writes cost, as a figure that a machine shared with other work disturbs
 * far less than wall-clock time: this JVM's CPU time (every thread, so DuckDB's native threads too)
 * plus, for a PostgreSQL store, that of the server backends serving the store's role (the writer's
 * connection), read from {@code /proc}.
 */
final class StoreCpu implements AutoCloseable {
  /** Linux reports process times in clock ticks of 1/100 s ({@code getconf CLK_TCK}). */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final Connection probe;

  private StoreCpu(Connection probe) {
    this.probe = probe;
  }

  /** For a DuckDB store: only this process. */
  static StoreCpu inProcess() {
    return new StoreCpu(null);
  }

  /** For a PostgreSQL store: this process and the server backends of the store's role. */
  static StoreCpu withServer(String postgresUrl) throws SQLException {
    return new StoreCpu(DriverManager.getConnection(postgresUrl));
  }

  /** CPU nanoseconds so far; only differences mean anything. */
  long nanos() throws SQLException {
    long nanos =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    if (probe != null) {
      try (Statement statement = probe.createStatement();
          ResultSet backends =
              statement.executeQuery(
                  "SELECT pid FROM pg_stat_activity WHERE usename = current_user"
                      + " AND datname = current_database() AND pid <> pg_backend_pid()")) {
        while (backends.next()) {
          nanos += backendTicks(backends.getInt(1)) * NANOS_PER_TICK;
        }
      }
    }
    return nanos;
  }

  /** utime + stime of a server process, fields 14 and 15 of /proc/PID/stat. */
  private static long backendTicks(int pid) throws SQLException {
    try {
      String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
      // The command name (field 2) is in parentheses and may contain spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException e) {
      throw new SQLException("cannot read the CPU time of PostgreSQL backend " + pid, e);
    }
  }

  @Override
  public void close() throws SQLException {
    if (probe != null) {
      probe.close();
    }
  }
}
