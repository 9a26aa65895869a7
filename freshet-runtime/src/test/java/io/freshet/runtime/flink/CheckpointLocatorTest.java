package io.freshet.runtime.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLocatorTest {
  @TempDir Path root;
  final JobID job = new FlinkJobSpec("fraud-detection", env -> {}).jobId();

  @Test
  void jobIdIsStablePerName() {
    assertThat(new FlinkJobSpec("fraud-detection", env -> {}).jobId()).isEqualTo(job);
    assertThat(new FlinkJobSpec("other", env -> {}).jobId()).isNotEqualTo(job);
  }

  @Test
  void noDirectoryMeansNoCheckpoint() {
    assertThat(new CheckpointLocator(root).latestCompleted(job)).isEmpty();
  }

  @Test
  void picksTheHighestCompletedCheckpointNumericallyAndSkipsUnfinishedOnes() throws Exception {
    CheckpointLocator locator = new CheckpointLocator(root);
    Path dir = locator.jobDir(job);
    completed(dir.resolve("chk-9"));
    completed(dir.resolve("chk-10"));
    Files.createDirectories(dir.resolve("chk-11")); // being written when the process died
    Files.createDirectories(dir.resolve("shared"));
    assertThat(locator.latestCompleted(job)).contains(dir.resolve("chk-10"));
  }

  private static void completed(Path chk) throws Exception {
    Files.createDirectories(chk);
    Files.write(chk.resolve("_metadata"), new byte[] {1});
  }
}
