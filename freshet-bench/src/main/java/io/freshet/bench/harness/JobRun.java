package io.freshet.bench.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;

/** One submitted benchmark job: waits for it, cancels it, and reads its checkpoint statistics. */
public final class JobRun {
  private final MiniCluster cluster;
  private final JobID jobId;
  private final String name;
  private final long submittedNanos;

  JobRun(MiniCluster cluster, JobID jobId, String name, long submittedNanos) {
    this.cluster = cluster;
    this.jobId = jobId;
    this.name = name;
    this.submittedNanos = submittedNanos;
  }

  /** {@link System#nanoTime()} when the job was submitted. */
  public long submittedNanos() {
    return submittedNanos;
  }

  /**
   * Waits until a bounded job finished and returns {@link System#nanoTime()} then; a failed job
   * throws with Flink's cause.
   */
  public long awaitFinished(Duration deadline) throws Exception {
    JobResult result =
        cluster.requestJobResult(jobId).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    long finished = System.nanoTime();
    if (!result.isSuccess()) {
      Throwable cause = result.getSerializedThrowable().map(t -> (Throwable) t).orElse(null);
      throw new IllegalStateException("benchmark job " + name + " failed", cause);
    }
    return finished;
  }

  public JobStatus status() throws Exception {
    return cluster.getJobStatus(jobId).get(10, TimeUnit.SECONDS);
  }

  /**
   * True while the job can still produce output; throws with Flink's cause once it failed, so a
   * wait for results ends at once instead of at its deadline.
   */
  public boolean requireAlive() throws Exception {
    JobStatus status = status();
    if (status == JobStatus.FAILED) {
      awaitFinished(Duration.ofSeconds(30));
    }
    return !status.isGloballyTerminalState();
  }

  /** Waits until the job is RUNNING (all tasks deployed), failing fast when it failed. */
  public void awaitRunning(Duration deadline) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      JobStatus status = status();
      if (status == JobStatus.RUNNING) {
        return;
      }
      if (status.isGloballyTerminalState()) {
        throw new IllegalStateException("benchmark job " + name + " ended as " + status);
      }
      if (System.nanoTime() > end) {
        throw new IllegalStateException("benchmark job " + name + " not running after " + deadline);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /** Takes a full checkpoint now and returns its statistics once it completed. */
  public CompletedCheckpointStats checkpoint() throws Exception {
    long id = cluster.triggerCheckpoint(jobId, CheckpointType.FULL).get(5, TimeUnit.MINUTES);
    long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (true) {
      Optional<CompletedCheckpointStats> stats = completed(id);
      if (stats.isPresent()) {
        return stats.get();
      }
      if (System.nanoTime() > end) {
        throw new IllegalStateException("no statistics for checkpoint " + id + " of " + name);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private Optional<CompletedCheckpointStats> completed(long id) throws Exception {
    var graph = cluster.getExecutionGraph(jobId).get(10, TimeUnit.SECONDS);
    var stats = graph.getCheckpointStatsSnapshot();
    if (stats == null) {
      return Optional.empty();
    }
    return stats.getHistory().getCheckpoints().stream()
        .filter(c -> c.getCheckpointId() == id && c instanceof CompletedCheckpointStats)
        .map(c -> (CompletedCheckpointStats) c)
        .findFirst();
  }

  /**
   * The checkpoint statistics of the job so far, or of the whole run once it ended: counts, and
   * summaries (min, max, average, quantiles) of duration and sizes over every completed checkpoint.
   */
  public CheckpointStatsSnapshot checkpointStats() throws Exception {
    var graph =
        status().isGloballyTerminalState()
            ? cluster.getArchivedExecutionGraph(jobId).get(30, TimeUnit.SECONDS)
            : cluster.getExecutionGraph(jobId).get(10, TimeUnit.SECONDS);
    CheckpointStatsSnapshot stats = graph.getCheckpointStatsSnapshot();
    return stats == null ? CheckpointStatsSnapshot.empty() : stats;
  }

  /** Cancels the job and waits until it is gone. */
  public void cancel() throws Exception {
    if (!status().isGloballyTerminalState()) {
      cluster.cancelJob(jobId).get(60, TimeUnit.SECONDS);
    }
    cluster.requestJobResult(jobId).get(60, TimeUnit.SECONDS);
  }

  /**
   * Records that entered the operator chain whose name contains {@code operatorName}, summed over
   * its subtasks; read after the job finished, to check nothing was lost.
   */
  public long recordsIn(String operatorName) throws Exception {
    var graph = cluster.getArchivedExecutionGraph(jobId).get(30, TimeUnit.SECONDS);
    long total = 0;
    boolean found = false;
    for (var vertex : graph.getVerticesTopologically()) {
      if (!vertex.getName().contains(operatorName)) {
        continue;
      }
      found = true;
      for (var subtask : vertex.getTaskVertices()) {
        var io = subtask.getCurrentExecutionAttempt().getIOMetrics();
        total += io == null ? 0 : io.getNumRecordsIn();
      }
    }
    if (!found) {
      throw new IllegalArgumentException("job " + name + " has no operator named " + operatorName);
    }
    return total;
  }
}
