package io.freshet.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL from Debian's package: initdb into a temp dir, started on a free port on
 * 127.0.0.1 with durability off (fsync, synchronous_commit, full_page_writes), stopped and deleted
 * by {@link #close()} (or by a shutdown hook if the JVM ends first).
 *
 * <p>{@link #newStoreUrl()} gives each user a schema of its own in one database, owned by an
 * ordinary (non-superuser) role as a real deployment would use. Shared by the serving-store tests
 * (through their JUnit extension) and the {@code store} benchmark. It fails rather than skips when
 * PostgreSQL cannot be started: {@code ops/postgres/ensure-installed} installs it.
 */
public final class PostgresCluster implements AutoCloseable {
  /** The role the store connects as; not a superuser. */
  public static final String STORE_ROLE = "freshet";

  /** The database holding the stores, owned by {@link #STORE_ROLE}. */
  public static final String DATABASE = "freshet";

  private final Path dir;
  private final Path bin;
  private final int port;
  private final AtomicInteger stores = new AtomicInteger();
  private final Thread shutdownHook;

  private PostgresCluster(Path dir, Path bin, int port) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
    // If the test JVM is terminated instead of finishing, do not leave a server behind.
    this.shutdownHook = new Thread(this::stopServer, "postgres-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Initialises and starts a new cluster. */
  public static PostgresCluster start() {
    Path bin = findBinaries();
    Path dir;
    try {
      dir = Files.createTempDirectory("freshet-pg-");
      if (isRoot()) {
        // initdb refuses to run as root; the cluster belongs to the postgres OS user.
        UserPrincipal postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a PostgreSQL directory", e);
    }
    try {
      return initAndStart(bin, dir);
    } catch (RuntimeException e) {
      try {
        deleteRecursively(dir);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static PostgresCluster initAndStart(Path bin, Path dir) {
    Path data = dir.resolve("data");
    run(
        bin,
        List.of(
            "initdb",
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"));
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      try {
        run(
            bin,
            List.of(
                "pg_ctl",
                "-D",
                data.toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-o",
                "-p "
                    + port
                    + " -k "
                    + dir
                    + " -c listen_addresses=127.0.0.1 -c fsync=off"
                    + " -c synchronous_commit=off -c full_page_writes=off",
                "-w",
                "-t",
                "60",
                "start"));
        PostgresCluster cluster = new PostgresCluster(dir, bin, port);
        cluster.execute("CREATE ROLE " + STORE_ROLE + " LOGIN");
        cluster.execute("CREATE DATABASE " + DATABASE + " OWNER " + STORE_ROLE);
        return cluster;
      } catch (IllegalStateException e) {
        // Most likely another process took the port between probing and binding.
        failure = e;
      }
    }
    throw new IllegalStateException(
        "PostgreSQL did not start; server log:\n" + readLog(dir), failure);
  }

  /** A JDBC URL of a new, empty store: a schema of its own, owned by {@link #STORE_ROLE}. */
  public String newStoreUrl() {
    String schema = "store_" + stores.incrementAndGet();
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + STORE_ROLE);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + schema, e);
    }
    return "jdbc:postgresql://127.0.0.1:"
        + port
        + "/"
        + DATABASE
        + "?user="
        + STORE_ROLE
        + "&currentSchema="
        + schema;
  }

  private void execute(String sql) {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL setup failed: " + sql, e);
    }
  }

  @Override
  public void close() throws IOException {
    stopServer();
    Runtime.getRuntime().removeShutdownHook(shutdownHook);
    deleteRecursively(dir);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private void stopServer() {
    Path data = dir.resolve("data");
    if (Files.exists(data.resolve("postmaster.pid"))) {
      run(bin, List.of("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    }
  }

  private static Path findBinaries() {
    Path versions = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(versions)) {
      try (Stream<Path> dirs = Files.list(versions)) {
        return dirs.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max(Comparator.comparing(b -> versionOf(b.getParent())))
            .orElseThrow(PostgresCluster::notInstalled);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw notInstalled();
  }

  private static Integer versionOf(Path versionDir) {
    String name = versionDir.getFileName().toString();
    return name.matches("\\d+") ? Integer.valueOf(name) : 0;
  }

  private static IllegalStateException notInstalled() {
    return new IllegalStateException(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb):"
            + " run ops/postgres/ensure-installed, as ./run-tests does");
  }

  private static void run(Path bin, List<String> command) {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.add(bin.resolve(command.get(0)).toString());
    full.addAll(command.subList(1, command.size()));
    try {
      Process process =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      // pg_ctl leaves the server holding its own output (the -l log), so reading ours to the
      // end does not wait for the server.
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", full) + " timed out:\n" + output);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", full) + " exited " + process.exitValue() + ":\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + full, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + full, e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readLog(Path dir) {
    try {
      return Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return "(no server log: " + e + ")";
    }
  }
}
