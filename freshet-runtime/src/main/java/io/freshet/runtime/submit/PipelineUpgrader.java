package io.freshet.runtime.submit;

import io.freshet.runtime.flink.FlinkJob;
import io.freshet.runtime.flink.FlinkRest;
import io.freshet.runtime.flink.FlinkRestException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Replaces a running pipeline's job without losing its state: stop-with-savepoint, then the job jar
 * of this build, with the arguments and parallelism given, from that savepoint; verified RUNNING
 * with every task running. Per-customer history, source offsets and open windows carry over; a
 * changed setting applies from the first record after the upgrade.
 */
public final class PipelineUpgrader {
  private final FlinkRest rest;
  private final PipelineSubmitter submitter;

  public PipelineUpgrader(FlinkRest rest, PipelineSubmitter submitter) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.submitter = Objects.requireNonNull(submitter, "submitter");
  }

  /**
   * Upgrades the running job of {@code request.pipeline()}.
   *
   * @param request the new job: its arguments and parallelism; its savepoint is the one taken here
   * @param savepointDir where the savepoint goes, else the cluster's default savepoint directory
   * @throws FlinkRestException if the pipeline does not run or a step fails
   */
  public Upgraded upgrade(
      PipelineSubmitter.JobRequest request,
      Optional<String> savepointDir,
      Duration deadline,
      Consumer<String> progress)
      throws InterruptedException {
    FlinkJob old =
        rest.activeJob(request.pipeline())
            .orElseThrow(
                () ->
                    new FlinkRestException(
                        request.pipeline()
                            + " does not run on "
                            + rest.base()
                            + "; `freshet submit "
                            + request.pipeline()
                            + "` starts it"));
    int before = maxParallelism(old.id());
    long began = System.nanoTime();
    progress.accept("Stopping " + request.pipeline() + " (job " + old.id() + ") with a savepoint");
    String savepoint = rest.stopWithSavepoint(old.id(), savepointDir, deadline);
    long stopped = System.nanoTime();
    progress.accept("Savepoint " + savepoint);
    PipelineSubmitter.Submitted started =
        submitter
            .submit(
                List.of(
                    new PipelineSubmitter.JobRequest(
                        request.pipeline(),
                        request.arguments(),
                        request.parallelism(),
                        Optional.of(savepoint))),
                deadline,
                progress)
            .get(0);
    return new Upgraded(
        request.pipeline(),
        old.id(),
        savepoint,
        started.jobId(),
        before,
        maxParallelism(started.jobId()),
        Duration.ofNanos(stopped - began),
        Duration.ofNanos(System.nanoTime() - began));
  }

  private int maxParallelism(String jobId) throws InterruptedException {
    return rest.parallelism(jobId).orElse(0);
  }

  /**
   * An upgrade done.
   *
   * @param pipeline the pipeline
   * @param oldJobId the job stopped
   * @param savepoint the savepoint it was stopped with, the new job's start
   * @param newJobId the job started
   * @param parallelismBefore the old job's highest vertex parallelism
   * @param parallelismAfter the new job's
   * @param savepointTook from the stop request until the savepoint completed
   * @param took from the stop request until every task of the new job ran
   */
  public record Upgraded(
      String pipeline,
      String oldJobId,
      String savepoint,
      String newJobId,
      int parallelismBefore,
      int parallelismAfter,
      Duration savepointTook,
      Duration took) {}
}
