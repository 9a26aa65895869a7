package io.freshet.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs one of Kafka's command-line tools from kafka-tools in a child JVM with this JVM's classpath,
 * so it measures the broker without sharing a heap or JIT with the harness.
 */
public final class KafkaTool {
  /** Heap of the child JVM, as Kafka's own {@code kafka-run-class.sh} scripts give these tools. */
  static final String HEAP = "-Xmx1g";

  private static final int MAX_QUOTED_CHARS = 20_000;

  private KafkaTool() {}

  /** What a tool printed; {@code command} is the argument list after the classpath. */
  public record Output(String tool, List<String> command, String stdout, String stderr) {
    /**
     * Parses stdout with {@code parser}.
     *
     * @throws IllegalStateException quoting both streams when the parser finds no summary
     */
    public <T> T parse(Function<String, T> parser) {
      try {
        return parser.apply(stdout);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            tool + " output cannot be read: " + e.getMessage() + streams(stdout, stderr), e);
      }
    }
  }

  /** The child JVM's arguments after {@code java}: heap, locale, classpath, main class, args. */
  static List<String> jvmArguments(String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(HEAP);
    // The tools print decimals with String.format in the default locale; pin one whose decimal
    // separator is '.' so the parsers read the same text on every machine.
    command.add("-Duser.language=en");
    command.add("-Duser.country=US");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /**
   * Runs {@code mainClass args} in {@code dir} (its stdout and stderr go to files there) and waits
   * up to {@code timeout}.
   *
   * @throws IllegalStateException quoting the tool's output when it exits non-zero or times out
   */
  public static Output run(String mainClass, List<String> args, Path dir, Duration timeout)
      throws IOException, InterruptedException {
    String tool = mainClass.substring(mainClass.lastIndexOf('.') + 1);
    Files.createDirectories(dir);
    Path stdoutFile = dir.resolve(tool + ".out");
    Path stderrFile = dir.resolve(tool + ".err");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Freshet's log4j2.xml comes with the inherited classpath: keep the child's log file in dir.
    command.add("-Dfreshet.log.dir=" + dir.resolve("logs"));
    command.addAll(jvmArguments(mainClass, args));
    // Files instead of pipes: nothing has to drain the child's output while it runs.
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdoutFile.toFile())
            .redirectError(stderrFile.toFile());
    Process process = builder.start();
    boolean finished = false;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      if (!finished) {
        // Timed out or interrupted: a leftover tool would keep loading the shared machine.
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    String stdout = Files.readString(stdoutFile, StandardCharsets.UTF_8);
    String stderr = Files.readString(stderrFile, StandardCharsets.UTF_8);
    List<String> shown = jvmArguments(mainClass, args);
    if (!finished) {
      throw new IllegalStateException(
          tool + " did not finish within " + timeout + streams(stdout, stderr));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          tool
              + " exited with "
              + process.exitValue()
              + "; command: java "
              + String.join(" ", withoutClasspath(shown))
              + streams(stdout, stderr));
    }
    return new Output(tool, shown, stdout, stderr);
  }

  /** The arguments with the (long) classpath replaced by a placeholder, for messages and notes. */
  static List<String> withoutClasspath(List<String> jvmArguments) {
    List<String> shown = new ArrayList<>(jvmArguments);
    int cp = shown.indexOf("-cp");
    if (cp >= 0 && cp + 1 < shown.size()) {
      shown.set(cp + 1, "<classpath>");
    }
    return shown;
  }

  private static String streams(String stdout, String stderr) {
    return "\n--- stdout ---\n" + tail(stdout) + "\n--- stderr ---\n" + tail(stderr);
  }

  private static String tail(String text) {
    if (text.isBlank()) {
      return "(empty)";
    }
    // A failing tool's last lines say why; an earlier flood of progress lines does not.
    return text.length() <= MAX_QUOTED_CHARS
        ? text
        : "…" + text.substring(text.length() - MAX_QUOTED_CHARS);
  }
}
