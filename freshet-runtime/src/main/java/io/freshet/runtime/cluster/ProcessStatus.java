package io.freshet.runtime.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * One managed process as seen at one moment.
 *
 * @param name the process's name, such as {@code broker-1}
 * @param pid its pid, when it runs
 * @param ports its listening ports, labelled
 * @param state running, stopped or unhealthy
 * @param log the log file to read when it is not running
 */
public record ProcessStatus(
    String name, OptionalLong pid, List<String> ports, ProcessState state, Path log) {

  public ProcessStatus {
    ports = List.copyOf(ports);
  }
}
