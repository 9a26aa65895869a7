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
   * @param throughputPerSecond records read per second since the previous status request
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
      double lastCheckpointDurationMs,
      double lastCheckpointSizeBytes,
      double watermarkLagSeconds) {}

  /** A consumer group's lag on one topic. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ConsumerLag(String group, String topic, long records, double seconds) {}
}
