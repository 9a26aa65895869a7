package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code freshet status}'s table: real checkpoint failures and declines at start apart. */
class StatusCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void failedAndDeclinedAtStartAreShownApartWithWhatTheDeclinedAre() throws Exception {
    // Given a status with one pipeline that had 1 real failure and 3 declines at start
    String status =
        """
        {"status": "UP", "pipelines": [{"name": "fraud-detection", "state": "RUNNING",
          "records_in": 1500, "throughput_per_second": 500.0, "dead_letters": 3,
          "duplicates_skipped": 1, "checkpoints_completed": 42, "checkpoints_failed": 1,
          "checkpoints_declined_starting": 3, "last_checkpoint_duration_ms": 120.0,
          "watermark_lag_seconds": 2.5}],
         "consumer_lag": []}
        """;

    // When it is rendered
    String[] lines =
        StatusCommand.render("http://localhost:8080", JSON.readTree(status)).split("\n");

    // Then the row has both counts in their own columns, and a line says what the declined are
    assertThat(lines[1].trim().split("\\s{2,}"))
        .containsExactly(
            "PIPELINE",
            "STATE",
            "IN/s",
            "RECORDS IN",
            "DLQ",
            "DUPS",
            "CHECKPOINTS",
            "DECLINED@START",
            "LAST CKPT",
            "WM LAG");
    assertThat(lines[2].trim().split("\\s{2,}"))
        .containsExactly(
            "fraud-detection",
            "RUNNING",
            "500.0",
            "1500",
            "3",
            "1",
            "42 ok/1 failed",
            "3",
            "120 ms",
            "2.5 s");
    assertThat(lines[3])
        .isEqualTo(
            "DECLINED@START: checkpoints Flink declined while a job's tasks were not all running"
                + " (start, restart, stop); not failures.");
  }

  @Test
  void withoutDeclinesThereIsNoExplanation() throws Exception {
    // Given a pipeline with no declined checkpoint
    String status =
        """
        {"status": "UP", "pipelines": [{"name": "iot-monitoring", "state": "RUNNING",
          "checkpoints_completed": 7, "checkpoints_failed": 0,
          "checkpoints_declined_starting": 0}], "consumer_lag": []}
        """;

    // When it is rendered, Then the table goes on with the consumer groups
    String[] lines = StatusCommand.render("http://x", JSON.readTree(status)).split("\n");
    assertThat(lines[2]).contains("7 ok/0 failed");
    assertThat(lines[3]).isEmpty();
    assertThat(lines[4]).startsWith("CONSUMER GROUP");
  }

  @Test
  void aPipelineNotSubmittedToTheClusterSaysHowToSubmitIt() throws Exception {
    // Given one pipeline running on the cluster and one with no job there
    String status =
        """
        {"status": "STARTING", "pipelines": [
          {"name": "fraud-detection", "state": "RUNNING", "checkpoints_completed": 2},
          {"name": "iot-monitoring", "state": "NOT_SUBMITTED"}], "consumer_lag": []}
        """;

    // When it is rendered, Then the state fits its column and a line says what to do
    String[] lines = StatusCommand.render("http://x", JSON.readTree(status)).split("\n");
    assertThat(lines[3].trim().split("\\s{2,}")[1]).isEqualTo("NOT_SUBMITTED");
    assertThat(lines[4])
        .isEqualTo(
            "NOT_SUBMITTED: the Flink cluster has no job of that name; submit it with 'freshet"
                + " submit PIPELINE --jobmanager HOST:PORT' (/api/health names the address).");
  }
}
