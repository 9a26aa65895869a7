package io.freshet.runtime.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;

/**
 * Splits one job's failed checkpoints into real failures and checkpoints declined because the job's
 * tasks were not all running (starting, restarting or stopping), from successive answers of Flink's
 * {@code GET /jobs/:jobid/checkpoints}.
 *
 * <p>Flink counts both alike in {@code counts.failed}. A failed checkpoint that got as far as a
 * pending checkpoint has an entry in {@code history} whose {@code failure_message} names its {@link
 * CheckpointFailureReason}. One refused before that has none: Flink refuses to trigger only while
 * not all tasks run or while the job's checkpoint coordinator shuts down, so a failure without an
 * entry counts as declined while starting. The history holds the latest {@code historySize}
 * checkpoints only: when it is full and even its oldest entry is new, entries may have gone by
 * unseen since the previous answer, and then the failures without an entry count as real, since a
 * real failure may be among them; an alert must not go quiet by accident. Not thread-safe.
 */
final class CheckpointFailures {
  /** The reasons that mean "the tasks were not all running", not "checkpointing is broken". */
  private static final List<String> NOT_RUNNING =
      List.of(
              CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING,
              CheckpointFailureReason.CHECKPOINT_DECLINED_TASK_NOT_READY,
              CheckpointFailureReason.CHECKPOINT_DECLINED_TASK_CLOSING,
              CheckpointFailureReason.CHECKPOINT_COORDINATOR_SUSPEND,
              CheckpointFailureReason.CHECKPOINT_COORDINATOR_SHUTDOWN,
              CheckpointFailureReason.PERIODIC_SCHEDULER_SHUTDOWN,
              CheckpointFailureReason.JOB_FAILOVER_REGION)
          .stream()
          .map(r -> r.message().toLowerCase(Locale.ROOT))
          .toList();

  /** The classification of one job so far. */
  record Counts(long failed, long declinedStarting) {}

  private final int historySize;
  private long failedBefore;
  private long failed;
  private long declinedStarting;

  /** Ids of the entries of the previous answer, and of the terminal ones already classified. */
  private Set<Long> seen = Set.of();

  private final Set<Long> classified = new HashSet<>();

  /** A job whose checkpoint history ({@code web.checkpoints.history}) holds that many entries. */
  CheckpointFailures(int historySize) {
    this.historySize = historySize;
  }

  /** Classifies what changed since the previous answer; returns the totals. */
  Counts update(JsonNode checkpoints) {
    long failedNow = checkpoints.path("counts").path("failed").asLong();
    if (failedNow < failedBefore) {
      // A new job master (the job was resubmitted) counts from zero again; keep the totals.
      failedBefore = 0;
      seen = Set.of();
      classified.clear();
    }
    Map<Long, JsonNode> visible = new TreeMap<>();
    for (JsonNode entry : checkpoints.path("history")) {
      visible.put(entry.path("id").asLong(), entry);
    }
    int inHistory = visible.size();
    boolean mayHaveMissed =
        inHistory >= historySize && !seen.contains(visible.keySet().iterator().next());
    JsonNode latestFailed = checkpoints.path("latest").path("failed");
    if (latestFailed.has("id")) {
      visible.putIfAbsent(latestFailed.path("id").asLong(), latestFailed);
    }
    long newFailedEntries = 0;
    for (Map.Entry<Long, JsonNode> e : visible.entrySet()) {
      if (!"FAILED".equals(e.getValue().path("status").asText()) || !classified.add(e.getKey())) {
        continue;
      }
      newFailedEntries++;
      if (notRunning(e.getValue().path("failure_message").asText(""))) {
        declinedStarting++;
      } else {
        failed++;
      }
    }
    seen = Set.copyOf(visible.keySet());
    classified.retainAll(seen);
    long withoutEntry = Math.max(0, failedNow - failedBefore - newFailedEntries);
    if (mayHaveMissed) {
      failed += withoutEntry;
    } else {
      declinedStarting += withoutEntry;
    }
    failedBefore = failedNow;
    return counts();
  }

  /** The totals so far. */
  Counts counts() {
    return new Counts(failed, declinedStarting);
  }

  /** Whether a history entry's failure message names a "tasks not all running" reason. */
  static boolean notRunning(String failureMessage) {
    String message = failureMessage.toLowerCase(Locale.ROOT);
    return NOT_RUNNING.stream().anyMatch(message::contains);
  }
}
