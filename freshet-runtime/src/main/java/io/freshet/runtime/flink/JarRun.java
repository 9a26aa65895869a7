package io.freshet.runtime.flink;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to run an uploaded job jar: its entry class and program arguments, and optionally the job's
 * parallelism and id, the savepoint it starts from, and job configuration.
 *
 * @param entryClass the class whose {@code main} builds the job
 * @param arguments its program arguments
 * @param parallelism the job's default parallelism, else the cluster's
 * @param jobId a fixed job id (32 hex digits), else Flink picks one
 * @param savepointPath the savepoint or retained checkpoint to start from
 * @param configuration job configuration options
 */
public record JarRun(
    String entryClass,
    List<String> arguments,
    OptionalInt parallelism,
    Optional<String> jobId,
    Optional<String> savepointPath,
    Map<String, String> configuration) {

  public JarRun {
    Objects.requireNonNull(entryClass, "entryClass");
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(parallelism, "parallelism");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(savepointPath, "savepointPath");
    configuration = Map.copyOf(configuration);
  }
}
