package io.freshet.runtime.status;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What {@code GET /api/status} and {@code freshet status} report about a running instance.
 *
 * @param status UP when every component is healthy, else STARTING or DOWN
 * @param pipelines one entry per Flink job
 * @param consumerLag lag per consumer group and topic, summed over partitions
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PlatformStatus(
    String status, List<PipelineStatus> pipelines, List<ConsumerLag> consumerLag) {

  /**
   * One pipeline's figures.
   *
   * @param throughputPerSecond records read per second between the two latest samples
   * @param checkpointsFailed checkpoints that failed for real (storage, timeout, a task's
   *     snapshot); not those declined while the tasks were not all running
   * @param checkpointsDeclinedStarting checkpoints Flink declined because the job's tasks were not
   *     all running yet (start, restart) or any more (stop): no sign of trouble
   * @param lastCheckpointDurationMs duration of the last completed checkpoint, NaN before any
   * @param watermarkLagSeconds now − the pipeline's current watermark
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PipelineStatus(
      String name,
      String state,
      long recordsIn,
      double throughputPerSecond,
      long deadLetters,
      long duplicatesSkipped,
      long checkpointsCompleted,
      long checkpointsFailed,
      long checkpointsDeclinedStarting,
      double lastCheckpointDurationMs,
      double lastCheckpointSizeBytes,
      double watermarkLagSeconds,
      Latency latency,
      Backpressure backpressure) {}

  /**
   * End-to-end latency (input's Kafka append time to result written) over the last minute, all of
   * the pipeline's outputs together.
   *
   * @param p50Seconds median, NaN when no result was written in the window
   * @param p99Seconds 99th percentile, NaN when no result was written in the window
   * @param slaSeconds the pipeline's latency SLA, NaN when it has none
   * @param p99OverSla whether the p99 exceeds the SLA
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Latency(
      double p50Seconds, double p99Seconds, double slaSeconds, boolean p99OverSla) {}

  /**
   * Flink's per-second time shares of the pipeline's worst subtasks.
   *
   * @param ratio the largest share of time a subtask spent backpressured (0 to 1), NaN before Flink
   *     reports any
   * @param task the task of that subtask, null while none is backpressured
   * @param busyRatio the largest share of time a subtask spent busy (0 to 1), NaN before any
   * @param busiestTask the task of that subtask, null while none is busy
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Backpressure(double ratio, String task, double busyRatio, String busiestTask) {}

  /** A consumer group's lag on one topic. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ConsumerLag(String group, String topic, long records, double seconds) {}
}
