package io.freshet.runtime.autoscale;

import io.freshet.core.scaling.LoadSample;
import io.freshet.core.scaling.ScalingDecision;
import io.freshet.core.scaling.ScalingEvaluator;
import io.freshet.runtime.flink.FlinkJob;
import io.freshet.runtime.flink.FlinkRest;
import io.freshet.runtime.flink.FlinkRest.JobVertex;
import io.freshet.runtime.flink.FlinkRestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.KafkaException;

/**
 * Rescales a pipeline's job on a Flink cluster on its consumer lag: every interval it samples the
 * lag, the job's parallelism and its busiest task, asks the {@link ScalingEvaluator} what to do,
 * and applies a rescale through the adaptive scheduler ({@link JobRescaler}).
 */
public final class Autoscaler {
  private final FlinkRest rest;
  private final String jobName;
  private final LagSource lagSource;
  private final ScalingEvaluator evaluator;
  private final JobRescaler rescaler;
  private final Clock clock;
  private final Duration rescaleTimeout;

  /**
   * @param jobName the job's name on the cluster, the pipeline's name
   * @param rescaleTimeout how long a rescale may take until every task runs again
   */
  public Autoscaler(
      FlinkRest rest,
      String jobName,
      LagSource lagSource,
      ScalingEvaluator evaluator,
      Clock clock,
      Duration rescaleTimeout) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.jobName = Objects.requireNonNull(jobName, "jobName");
    this.lagSource = Objects.requireNonNull(lagSource, "lagSource");
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.rescaler = new JobRescaler(rest);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rescaleTimeout = Objects.requireNonNull(rescaleTimeout, "rescaleTimeout");
  }

  /**
   * One round: what was sampled, what was decided and, for a rescale, how long it took.
   *
   * @param jobId the job sampled
   * @param sample its lag, parallelism and busiest task
   * @param lagPerTaskManager the lag over the TaskManagers its instances fill
   * @param decision what the policy said
   * @param rescaleTook from the request until every task ran at the new parallelism; empty for a
   *     hold
   */
  public record Step(
      String jobId,
      LoadSample sample,
      double lagPerTaskManager,
      ScalingDecision decision,
      Optional<Duration> rescaleTook) {}

  /**
   * Samples the job once, decides, and applies a rescale, waiting until it took effect.
   *
   * @throws AutoscaleException when the job is not running with all its tasks, or a rescale does
   *     not complete in time
   * @throws FlinkRestException when the JobManager does not answer
   * @throws KafkaException when the lag cannot be read
   */
  public Step step() throws InterruptedException {
    FlinkJob job =
        rest.activeJob(jobName)
            .orElseThrow(
                () ->
                    new AutoscaleException(
                        "no running job named '" + jobName + "' at " + rest.base()));
    FlinkRest.JobProgress progress = rest.progress(job.id());
    if (!"RUNNING".equals(progress.state()) || !progress.allTasksRunning()) {
      // A restarting job's lag and parallelism are in flux; judging them would mislead.
      throw new AutoscaleException(
          "job " + jobName + " is " + progress.state() + " and not all its tasks run; not sampled");
    }
    List<JobVertex> vertices = rest.vertices(job.id());
    int parallelism = JobRescaler.parallelism(vertices);
    OptionalDouble busy = rest.maxBusyRatio(job.id());
    long lag = lagSource.lag();
    Instant at = clock.instant();
    LoadSample sample = new LoadSample(at, lag, parallelism, busy);
    ScalingDecision decision = evaluator.decide(sample);
    double perTaskManager = evaluator.policy().lagPerTaskManager(lag, parallelism);
    if (!decision.rescales()) {
      return new Step(job.id(), sample, perTaskManager, decision, Optional.empty());
    }
    Duration took = rescaler.rescale(job.id(), decision.target(), rescaleTimeout);
    // The cooldown runs from when the job runs again, not from the request.
    evaluator.rescaled(clock.instant());
    return new Step(job.id(), sample, perTaskManager, decision, Optional.of(took));
  }

  /**
   * Steps every {@code interval} until {@code runFor} has passed (forever when empty) or the thread
   * is interrupted. A round that fails is reported to {@code failures} and the next one tries
   * again: a JobManager failing over or a broker restarting is no reason to stop watching.
   */
  public void run(
      Duration interval,
      Optional<Duration> runFor,
      Consumer<Step> steps,
      Consumer<RuntimeException> failures)
      throws InterruptedException {
    long end = runFor.map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    while (true) {
      long roundStart = System.nanoTime();
      try {
        steps.accept(step());
      } catch (AutoscaleException | FlinkRestException | KafkaException e) {
        failures.accept(e);
      }
      long next = roundStart + interval.toNanos();
      if (runFor.isPresent() && next >= end) {
        return;
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  }
}
