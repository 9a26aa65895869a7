package io.freshet.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code freshet run} started as a child JVM of the bench, on the bench's own classpath, so
 * scenarios can measure the whole process, kill it and start it again.
 */
public final class FreshetRunProcess implements AutoCloseable {
  /** The CLI's entry point; on the classpath only when the bench runs as {@code freshet bench}. */
  public static final String MAIN_CLASS = "io.freshet.cli.FreshetCommand";

  private static final String JVM_OPENS_RESOURCE = "jvm-opens.txt";

  /**
   * Flink and Kafka reflect into JDK internals on Java 17: the flags of the repository's {@code
   * jvm-opens.txt}, the one list of them (also read by {@code ./freshet} and the surefire argLine),
   * which the build copies next to this class.
   */
  public static final List<String> JVM_OPENS = readJvmOpens();

  /** The heap {@code ./freshet} gives the process unless told otherwise. */
  public static final String MAX_HEAP = "-Xmx1g";

  private static final Duration POLL = Duration.ofMillis(100);

  private final Process process;
  private final Path log;
  private final int httpPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private FreshetRunProcess(Process process, Path log, int httpPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /**
   * Fails unless the CLI is on the classpath: the bench never depends on the CLI, it is only
   * launched by it.
   */
  public static void requireCli() {
    try {
      Class.forName(MAIN_CLASS, false, FreshetRunProcess.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          MAIN_CLASS
              + " is not on the classpath: scenarios that start a Freshet process must be run"
              + " through ./freshet bench",
          e);
    }
  }

  /**
   * Starts {@code freshet run} with {@code runArgs} plus {@code --http-port httpPort}, its output
   * going to {@code log}.
   */
  public static FreshetRunProcess start(Path log, int httpPort, List<String> runArgs)
      throws IOException {
    requireCli();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPENS);
    command.add(MAX_HEAP);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN_CLASS);
    command.add("run");
    command.addAll(runArgs);
    command.add("--http-port");
    command.add(Integer.toString(httpPort));
    // Never Flink's default 8081, which a freshet run of the user's may hold.
    command.add("--flink-port");
    command.add("0");
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new FreshetRunProcess(process, log, httpPort);
  }

  /**
   * The flags of {@code jvm-opens.txt}, a java argument file of plain flags: whitespace separates
   * them, {@code #} starts a comment.
   */
  static List<String> readJvmOpens() {
    try (InputStream in = FreshetRunProcess.class.getResourceAsStream(JVM_OPENS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            JVM_OPENS_RESOURCE + " is not on the classpath next to " + FreshetRunProcess.class);
      }
      List<String> flags = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        int comment = line.indexOf('#');
        String content = (comment < 0 ? line : line.substring(0, comment)).strip();
        if (!content.isEmpty()) {
          flags.addAll(List.of(content.split("\\s+")));
        }
      }
      return List.copyOf(flags);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + JVM_OPENS_RESOURCE, e);
    }
  }

  /** A port free right now, for {@code --http-port}, {@code --kafka-port} and the like. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  public long pid() {
    return process.pid();
  }

  public int httpPort() {
    return httpPort;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until {@code GET /api/health} answers 200 and returns {@link System#nanoTime()} then.
   *
   * @throws IllegalStateException when the process exits or the deadline passes first
   */
  public long awaitHealthy(Duration deadline) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/api/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long end = System.nanoTime() + deadline.toNanos();
    IOException lastFailure = null;
    while (true) {
      requireAlive();
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return System.nanoTime();
        }
      } catch (IOException e) {
        // Not listening yet, or too busy starting to answer: kept as the cause if it never does.
        lastFailure = e;
      }
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "freshet run not healthy after " + deadline + "; log tail:\n" + logTail(), lastFailure);
      }
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
  }

  /** The body of {@code GET /metrics} (Prometheus text). */
  public String metrics() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /metrics answered " + response.statusCode());
    }
    return response.body();
  }

  /**
   * Waits until the process printed a line matching {@code pattern} and returns its match.
   *
   * @throws IllegalStateException when the process exits or the deadline passes first
   */
  public Matcher awaitOutput(Pattern pattern, Duration deadline)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      Optional<Matcher> found = findInOutput(pattern);
      if (found.isPresent()) {
        return found.get();
      }
      requireAlive();
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "freshet run did not print " + pattern + " within " + deadline + ":\n" + logTail());
      }
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
  }

  private Optional<Matcher> findInOutput(Pattern pattern) throws IOException {
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** {@code kill -9}: no shutdown hook runs; returns once the process is gone. */
  public void kill(Duration deadline) throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("freshet run (pid " + pid() + ") survived kill -9");
    }
  }

  /**
   * SIGTERM, as Ctrl-C would: the shutdown hook stops the platform; after {@code deadline} the
   * process is killed and this throws, so an unclean stop never goes unnoticed.
   */
  public void stop(Duration deadline) throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      kill(Duration.ofSeconds(30));
      throw new IllegalStateException(
          "freshet run (pid " + pid() + ") did not stop within " + deadline + " of SIGTERM");
    }
  }

  /** The last lines the process printed, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log " + log + " unreadable: " + e + ")";
    }
  }

  private void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "freshet run exited with " + process.exitValue() + "; log tail:\n" + logTail());
    }
  }

  /** Kills the process if a scenario failed before stopping it. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill(Duration.ofSeconds(30));
    }
  }
}
