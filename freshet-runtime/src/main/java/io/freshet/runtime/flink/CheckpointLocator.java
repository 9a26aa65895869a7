package io.freshet.runtime.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;

/** Finds the latest completed checkpoint a job left in its checkpoint directory. */
public final class CheckpointLocator {
  private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-(\\d+)");

  private final Path checkpointRoot;

  public CheckpointLocator(Path checkpointRoot) {
    this.checkpointRoot = checkpointRoot;
  }

  /** The job's own checkpoint directory. */
  public Path jobDir(JobID jobId) {
    return checkpointRoot.resolve(jobId.toHexString());
  }

  /**
   * The newest {@code chk-N} directory holding {@code _metadata}; a directory without it is a
   * checkpoint that was still being written when the process died, and is skipped.
   */
  public Optional<Path> latestCompleted(JobID jobId) {
    Path dir = jobDir(jobId);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children
          .filter(p -> CHECKPOINT_DIR.matcher(p.getFileName().toString()).matches())
          .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
          .max(Comparator.comparingLong(CheckpointLocator::checkpointNumber));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
  }

  private static long checkpointNumber(Path dir) {
    Matcher m = CHECKPOINT_DIR.matcher(dir.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a checkpoint directory: " + dir);
    }
    return Long.parseLong(m.group(1));
  }
}
