package io.freshet.runtime.autoscale;

import io.freshet.runtime.flink.FlinkRest;
import io.freshet.runtime.flink.FlinkRest.JobVertex;
import io.freshet.runtime.flink.FlinkRest.ParallelismBounds;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Rescales a running job in place through the adaptive scheduler's resource requirements, and waits
 * until it runs at the new parallelism: the job restarts from its latest checkpoint, so its state
 * and source offsets carry over.
 *
 * <p>The job's parallelism is that of its widest vertices; only those are rescaled, so a vertex a
 * pipeline pins to one instance (a global aggregate) keeps its own requirements.
 */
public final class JobRescaler {
  private static final long POLL_MILLIS = 250;

  private final FlinkRest rest;

  public JobRescaler(FlinkRest rest) {
    this.rest = Objects.requireNonNull(rest, "rest");
  }

  /** The job's parallelism: that of its widest vertices. */
  public static int parallelism(List<JobVertex> vertices) {
    return vertices.stream().mapToInt(JobVertex::parallelism).max().orElse(0);
  }

  /**
   * Asks for {@code target} instances of the job's widest vertices and waits until every task of
   * the job runs, those vertices at {@code target}.
   *
   * @return from the request until then
   * @throws AutoscaleException when the job does not get there within {@code timeout}, naming where
   *     it is (a target above the free slots is never reached: the adaptive scheduler runs the job
   *     at what it can get)
   */
  public Duration rescale(String jobId, int target, Duration timeout) throws InterruptedException {
    List<JobVertex> vertices = rest.vertices(jobId);
    int current = parallelism(vertices);
    Map<String, ParallelismBounds> existing = rest.resourceRequirements(jobId);
    Map<String, ParallelismBounds> requested = new LinkedHashMap<>();
    List<String> scaled =
        vertices.stream().filter(v -> v.parallelism() == current).map(JobVertex::id).toList();
    for (JobVertex v : vertices) {
      requested.put(
          v.id(),
          scaled.contains(v.id())
              ? new ParallelismBounds(1, target)
              : existing.getOrDefault(v.id(), new ParallelismBounds(1, v.parallelism())));
    }
    long start = System.nanoTime();
    rest.updateResourceRequirements(jobId, requested);
    long deadline = start + timeout.toNanos();
    while (true) {
      FlinkRest.JobProgress progress = rest.progress(jobId);
      List<JobVertex> now = rest.vertices(jobId);
      boolean atTarget =
          now.stream()
              .filter(v -> scaled.contains(v.id()))
              .allMatch(v -> v.parallelism() == target);
      if (atTarget && progress.allTasksRunning() && "RUNNING".equals(progress.state())) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      if (System.nanoTime() >= deadline) {
        throw new AutoscaleException(
            "job "
                + jobId
                + " did not run at parallelism "
                + target
                + " within "
                + timeout.toSeconds()
                + " s: "
                + progress.state()
                + ", vertices "
                + now.stream()
                    .map(v -> v.parallelism() + " " + v.status())
                    .collect(Collectors.joining(", ")));
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }
}
