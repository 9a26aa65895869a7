package io.freshet.runtime.flink;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.JobID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints a job every interval while it has work, and not while it has none.
 *
 * <p>A checkpoint of a job that read nothing since the previous one changes nothing, yet costs a
 * round of barriers through every task, a snapshot of all state, a metadata file and a new Kafka
 * transaction per sink subtask: three idle jobs checkpointing every second were most of what an
 * idle {@code freshet run} spent. So Flink's own periodic checkpoints run only at {@link
 * FlinkSettings#IDLE_CHECKPOINT_INTERVAL} (a safety net), and this pacer triggers the others: once
 * an interval has passed since its last trigger it reads the job's {@link RecordActivity} and, if
 * the count moved since that trigger, triggers a checkpoint (after the previous one finished and
 * the minimum pause). Every record a job counts after a trigger read the count therefore causes a
 * checkpoint within an interval, plus the wait for one in progress, as with periodic checkpoints;
 * exactly-once is Flink's, untouched: results become visible on completed checkpoints only.
 */
final class CheckpointPacer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointPacer.class);

  private final long intervalNanos;
  private final long minPauseNanos;
  private final ToLongFunction<JobID> activity;
  private final Function<JobID, CompletableFuture<?>> trigger;
  private final ScheduledThreadPoolExecutor scheduler;
  private volatile boolean closed;

  /**
   * @param activity records a job has counted so far ({@link RecordActivity#records})
   * @param trigger triggers a checkpoint of a job, completing when it completed or failed
   */
  CheckpointPacer(
      Duration interval,
      Duration minPause,
      ToLongFunction<JobID> activity,
      Function<JobID, CompletableFuture<?>> trigger) {
    this.intervalNanos = interval.toNanos();
    this.minPauseNanos = minPause.toNanos();
    this.activity = activity;
    this.trigger = trigger;
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "freshet-checkpoint-pacer");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Paces {@code job} from now on; its first look is one interval away. */
  void add(JobID job) {
    Pace pace = new Pace(intervalNanos, System.nanoTime());
    schedule(() -> look(job, pace), intervalNanos);
  }

  /**
   * One look at a job. Only one is ever pending per job: the next is scheduled by this one, or by
   * the completion of the checkpoint it triggered.
   */
  private void look(JobID job, Pace pace) {
    if (closed) {
      return;
    }
    Pace.Step step = pace.next(System.nanoTime(), activity.applyAsLong(job));
    if (!step.trigger()) {
      schedule(() -> look(job, pace), step.waitNanos());
      return;
    }
    CompletableFuture<?> checkpoint;
    try {
      checkpoint = trigger.apply(job);
    } catch (RuntimeException e) {
      checkpoint = CompletableFuture.failedFuture(e);
    }
    checkpoint.whenComplete(
        (id, failure) -> {
          if (failure == null) {
            schedule(() -> look(job, pace), minPauseNanos);
          } else {
            // Starting, restarting or declined: the records counted before are still to be
            // committed, so the next look triggers again, an interval from now.
            LOG.debug("Checkpoint of job {} not taken; trying again", job, failure);
            schedule(
                () -> {
                  pace.failed();
                  look(job, pace);
                },
                intervalNanos);
          }
        });
  }

  private void schedule(Runnable look, long delayNanos) {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(look, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  /** Stops triggering; a checkpoint in progress completes on its own. */
  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
  }

  /** When one job is due for a checkpoint. Not thread-safe: used by one look at a time. */
  static final class Pace {
    private final long intervalNanos;
    private long lastTrigger;
    private long activityAtTrigger;
    private boolean known;

    /** A job added at {@code now}: its first look is due an interval later. */
    Pace(long intervalNanos, long now) {
      this.intervalNanos = intervalNanos;
      this.lastTrigger = now;
    }

    /**
     * At {@code now}, with the job's activity count: trigger a checkpoint (remembering the count
     * and the time), or how long to wait before the next look. Before the first trigger, and after
     * a failed one, any count triggers.
     */
    Step next(long now, long activity) {
      long due = lastTrigger + intervalNanos;
      if (now - due < 0) {
        return Step.waitFor(due - now);
      }
      if (known && activity == activityAtTrigger) {
        // Nothing happened since the last checkpoint: look again in an interval.
        return Step.waitFor(intervalNanos);
      }
      lastTrigger = now;
      activityAtTrigger = activity;
      known = true;
      return Step.TRIGGER;
    }

    /** The checkpoint triggered last did not complete. */
    void failed() {
      known = false;
    }

    /** Trigger now, or wait {@code waitNanos} before looking again. */
    record Step(boolean trigger, long waitNanos) {
      static final Step TRIGGER = new Step(true, 0);

      static Step waitFor(long nanos) {
        return new Step(false, nanos);
      }
    }
  }
}
