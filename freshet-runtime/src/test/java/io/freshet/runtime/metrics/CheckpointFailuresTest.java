package io.freshet.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.runtime.metrics.CheckpointFailures.Counts;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classification of failed checkpoints on answers of Flink 2.2's {@code GET
 * /jobs/:jobid/checkpoints} recorded from {@code freshet run} (flink-rest/1 to 3: one job,
 * restarted on its data dir with a checkpoint triggered while its tasks deployed, then its
 * checkpoint directory replaced by a file until the job failed over), and on variants of them.
 */
class CheckpointFailuresTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Flink's default {@code web.checkpoints.history}, what the recordings were made with. */
  private static final int HISTORY = 10;

  @Test
  void aCheckpointRefusedBeforeTheTasksRanIsDeclinedNotFailed() throws IOException {
    // Given a job Flink counts one failed checkpoint for, with none in its history: refused
    // before triggering, while the tasks deployed
    JsonNode answer = recorded("1-restart-declined-before-tasks-ran.json");
    assertThat(answer.path("counts").path("failed").asLong()).isEqualTo(1);

    // When it is classified
    Counts counts = new CheckpointFailures(HISTORY).update(answer);

    // Then it is declined while starting, and no failure
    assertThat(counts).isEqualTo(new Counts(0, 1));
  }

  @Test
  void aStorageFailureIsRealAndTheDeclinesWhileRestartingAreNot() throws IOException {
    // Given the classification of the job's start
    CheckpointFailures failures = new CheckpointFailures(HISTORY);
    failures.update(recorded("1-restart-declined-before-tasks-ran.json"));

    // When checkpoint 188 failed to finalise (its directory was gone), 85 checkpoints later
    Counts afterFailure = failures.update(recorded("2-storage-failure.json"));

    // Then that one is a real failure; the start's decline stays a decline
    assertThat(afterFailure).isEqualTo(new Counts(1, 1));

    // When the job, failing over, had one more refused while its tasks restarted
    Counts afterRestart = failures.update(recorded("3-declined-while-restarting.json"));

    // Then that one is declined, and the failure is not counted twice
    assertThat(afterRestart).isEqualTo(new Counts(1, 2));
    assertThat(failures.update(recorded("3-declined-while-restarting.json")))
        .isEqualTo(new Counts(1, 2));
  }

  @Test
  void aCheckpointDeclinedByATaskNotReadyYetIsDeclinedWhileStarting() throws IOException {
    // Given the classification of the job's start, and then the storage failure's answer with
    // its failed entry's message changed to the one a task still restoring its state declines
    // with (CHECKPOINT_DECLINED_TASK_NOT_READY)
    CheckpointFailures failures = new CheckpointFailures(HISTORY);
    failures.update(recorded("1-restart-declined-before-tasks-ran.json"));
    ObjectNode answer = (ObjectNode) recorded("2-storage-failure.json");
    for (JsonNode entry :
        List.of(answer.path("history").get(0), answer.path("latest").path("failed"))) {
      ((ObjectNode) entry).put("failure_message", "Checkpoint was declined (tasks not ready)");
    }

    // When it is classified
    Counts counts = failures.update(answer);

    // Then it is a decline too, and nothing failed
    assertThat(counts).isEqualTo(new Counts(0, 2));
  }

  @Test
  void failuresWithoutAnEntryCountAsRealWhenEntriesMayHaveGoneByUnseen() throws IOException {
    // Given a job classified once, with nothing failed
    CheckpointFailures failures = new CheckpointFailures(HISTORY);
    ObjectNode before = (ObjectNode) recorded("1-restart-declined-before-tasks-ran.json");
    ((ObjectNode) before.path("counts")).put("failed", 0);
    assertThat(failures.update(before)).isEqualTo(new Counts(0, 0));

    // When the next answer has a full history of entries all new (the entries between went by
    // unseen) and two more failures, of which the history shows none
    ObjectNode after = (ObjectNode) recorded("2-storage-failure.json");
    ArrayNode history = (ArrayNode) after.path("history");
    history.remove(0);
    history.insert(0, ((ObjectNode) history.get(0).deepCopy()).put("id", 189));
    ((ObjectNode) after.path("latest")).putNull("failed");
    assertThat(history).hasSize(HISTORY);

    // Then both count as real failures: one of them may have been a real one
    assertThat(failures.update(after)).isEqualTo(new Counts(2, 0));
  }

  @Test
  void theNotRunningReasonsAreRecognisedInFlinksMessagesAndOthersAreNot() {
    assertThat(
            CheckpointFailures.notRunning(
                "task Source: transactions (1/2) of job 7c0e is not being executed at the moment."
                    + " Aborting checkpoint. Failure reason: Not all required tasks are currently"
                    + " running."))
        .isTrue();
    assertThat(CheckpointFailures.notRunning("Checkpoint Coordinator is suspending.")).isTrue();
    assertThat(CheckpointFailures.notRunning("Checkpoint was declined (task is closing)")).isTrue();
    assertThat(CheckpointFailures.notRunning("Failure to finalize checkpoint.")).isFalse();
    assertThat(CheckpointFailures.notRunning("Checkpoint expired before completing.")).isFalse();
    assertThat(CheckpointFailures.notRunning("Asynchronous task checkpoint failed.")).isFalse();
    assertThat(CheckpointFailures.notRunning("")).isFalse();
  }

  private static JsonNode recorded(String name) throws IOException {
    try (InputStream in = CheckpointFailuresTest.class.getResourceAsStream("/flink-rest/" + name)) {
      return JSON.readTree(in);
    }
  }
}
