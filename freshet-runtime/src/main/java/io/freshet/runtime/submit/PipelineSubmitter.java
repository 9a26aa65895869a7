package io.freshet.runtime.submit;

import io.freshet.runtime.flink.FlinkJob;
import io.freshet.runtime.flink.FlinkRest;
import io.freshet.runtime.flink.FlinkRestException;
import io.freshet.runtime.flink.JarRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Submits pipelines to a Flink cluster through its REST API as the project's job jar, unchanged:
 * uploads the jar once, runs its entry class once per pipeline with that pipeline's arguments, and
 * waits until every task of each job runs.
 */
public final class PipelineSubmitter {
  /** The job jar's entry class. */
  public static final String ENTRY_CLASS = "io.freshet.job.PipelineJobMain";

  private static final long POLL_MILLIS = 250;

  private final FlinkRest rest;
  private final Path jobJar;

  public PipelineSubmitter(FlinkRest rest, Path jobJar) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.jobJar = Objects.requireNonNull(jobJar, "jobJar");
  }

  /**
   * Submits each request, in order.
   *
   * @param deadline how long each job may take to have all its tasks running
   * @param progress told of each step, for a person watching
   * @throws FlinkRestException if a pipeline already runs on the cluster, or Flink refuses a job
   */
  public List<Submitted> submit(
      List<JobRequest> requests, Duration deadline, Consumer<String> progress)
      throws InterruptedException {
    for (JobRequest request : requests) {
      Optional<FlinkJob> running = rest.activeJob(request.pipeline());
      if (running.isPresent()) {
        throw new FlinkRestException(
            request.pipeline()
                + " already runs on "
                + rest.base()
                + " as job "
                + running.get().id()
                + " ("
                + running.get().state()
                + "); `freshet upgrade "
                + request.pipeline()
                + "` replaces it from a savepoint");
      }
    }
    progress.accept("Uploading " + jobJar.getFileName() + " to " + rest.base());
    String jarId = rest.uploadJar(jobJar);
    List<Submitted> submitted = new ArrayList<>();
    try {
      for (JobRequest request : requests) {
        String jobId =
            rest.runJar(
                jarId,
                new JarRun(
                    ENTRY_CLASS,
                    request.arguments(),
                    request.parallelism(),
                    Optional.empty(),
                    request.fromSavepoint(),
                    Map.of()));
        progress.accept(
            "Submitted "
                + request.pipeline()
                + " as job "
                + jobId
                + request.fromSavepoint().map(p -> " from " + p).orElse(""));
        long took = awaitAllTasksRunning(jobId, deadline);
        submitted.add(new Submitted(request.pipeline(), jobId, Duration.ofNanos(took)));
      }
    } finally {
      rest.deleteJar(jarId);
    }
    return submitted;
  }

  /**
   * Waits until every task of the job runs.
   *
   * @return nanoseconds waited
   */
  public long awaitAllTasksRunning(String jobId, Duration deadline) throws InterruptedException {
    long began = System.nanoTime();
    long end = began + deadline.toNanos();
    FlinkRest.JobProgress last = null;
    while (true) {
      last = rest.progress(jobId);
      if (last.allTasksRunning() && "RUNNING".equals(last.state())) {
        return System.nanoTime() - began;
      }
      if ("FAILED".equals(last.state()) || "CANCELED".equals(last.state())) {
        throw new FlinkRestException(
            "Job " + jobId + " is " + last.state() + "; see the JobManager's log");
      }
      if (System.nanoTime() >= end) {
        throw new FlinkRestException(
            "Job "
                + jobId
                + " did not have all its tasks running within "
                + deadline.toSeconds()
                + " s (it is "
                + last.state()
                + "); are there enough free slots?");
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }

  /**
   * One pipeline to submit.
   *
   * @param pipeline the job's name: the pipeline's, under its topic prefix ({@link
   *     JobArgs#jobName()})
   * @param arguments the job jar's program arguments for it
   * @param parallelism its parallelism, else the cluster's default
   * @param fromSavepoint the savepoint or retained checkpoint it starts from
   */
  public record JobRequest(
      String pipeline,
      List<String> arguments,
      OptionalInt parallelism,
      Optional<String> fromSavepoint) {
    public JobRequest {
      Objects.requireNonNull(pipeline, "pipeline");
      arguments = List.copyOf(arguments);
      Objects.requireNonNull(parallelism, "parallelism");
      Objects.requireNonNull(fromSavepoint, "fromSavepoint");
    }
  }

  /**
   * A pipeline that was submitted.
   *
   * @param pipeline its name
   * @param jobId its Flink job id
   * @param untilRunning from submission until all its tasks ran
   */
  public record Submitted(String pipeline, String jobId, Duration untilRunning) {}
}
