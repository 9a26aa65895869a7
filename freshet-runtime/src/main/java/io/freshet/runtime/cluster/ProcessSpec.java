package io.freshet.runtime.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run one process of a local cluster and where it leaves its traces.
 *
 * @param name the process's name, such as {@code broker-1}
 * @param command the program and its arguments
 * @param environment variables added to the inherited environment
 * @param workingDir the directory it runs in
 * @param pidFile where its pid is kept while it runs
 * @param logFile the log it writes itself, the one to read when it fails
 * @param outputFile where its standard output and error go (what a JVM prints before its logging
 *     starts, or when it dies)
 * @param marker an argument of {@code command} that no other process on the machine has, so a
 *     recycled pid is never taken for this process
 * @param ports its listening ports, labelled, for status tables
 */
public record ProcessSpec(
    String name,
    List<String> command,
    Map<String, String> environment,
    Path workingDir,
    Path pidFile,
    Path logFile,
    Path outputFile,
    String marker,
    List<String> ports) {

  public ProcessSpec {
    Objects.requireNonNull(name, "name");
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(pidFile, "pidFile");
    Objects.requireNonNull(logFile, "logFile");
    Objects.requireNonNull(outputFile, "outputFile");
    if (!command.contains(marker)) {
      throw new IllegalArgumentException(
          "The marker " + marker + " must be one of the arguments of " + name);
    }
    ports = List.copyOf(ports);
  }
}
