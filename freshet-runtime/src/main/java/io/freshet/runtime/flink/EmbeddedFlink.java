package io.freshet.runtime.flink;

import io.freshet.runtime.metrics.FlinkMetricsBridgeFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink MiniCluster inside the Freshet process that runs jobs resuming from their latest
 * completed checkpoint.
 */
public final class EmbeddedFlink implements FlinkCluster {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFlink.class);

  private static final String PEKKO_TICK = "pekko.scheduler.tick-duration";

  /**
   * Checkpoints per job Flink keeps in its REST history (10 by default). The metrics collector
   * tells real checkpoint failures from declined ones by the history, read on every status sample
   * (every 10 s while no dashboard is open) and Prometheus scrape: at the default 1 s interval, 10
   * entries could rotate unseen between two reads. 50 cover 50 s; past that, failures the collector
   * could not see count as real.
   */
  static final int CHECKPOINT_HISTORY = 50;

  private final FlinkSettings settings;
  private final CheckpointLocator checkpoints;
  private final MiniCluster cluster;
  private final Optional<RecordActivity> activity;
  private final Optional<CheckpointPacer> pacer;

  /** Written by {@link #submit}, read by health checks on HTTP threads meanwhile. */
  private final Map<String, JobID> jobs = Collections.synchronizedMap(new LinkedHashMap<>());

  /** How old a job status handed to health checks and APIs may be. */
  static final Duration STATUS_MAX_AGE = Duration.ofMillis(250);

  private final RecentValue<Map<String, JobStatus>> statuses =
      new RecentValue<>(this::readJobStatuses, STATUS_MAX_AGE, System::nanoTime);

  private boolean closed;

  private EmbeddedFlink(
      FlinkSettings settings, MiniCluster cluster, Optional<RecordActivity> activity) {
    this.settings = settings;
    this.checkpoints = new CheckpointLocator(settings.checkpointDir());
    this.cluster = cluster;
    this.activity = activity;
    this.pacer =
        activity.map(
            records ->
                new CheckpointPacer(
                    settings.checkpointInterval(),
                    FlinkSettings.MIN_PAUSE,
                    records::records,
                    job -> triggerWhenRunning(cluster, job)));
  }

  /**
   * Triggers a checkpoint of {@code job} only once all its tasks run. Flink counts a checkpoint
   * triggered while tasks are still deploying or restoring as failed (declined, not all tasks
   * running), and operators page on failed checkpoints; a healthy start must show none.
   */
  private static CompletableFuture<Long> triggerWhenRunning(MiniCluster cluster, JobID job) {
    return cluster
        .getExecutionGraph(job)
        .thenCompose(
            graph -> {
              boolean running =
                  graph.getState() == JobStatus.RUNNING
                      && StreamSupport.stream(graph.getAllExecutionVertices().spliterator(), false)
                          .allMatch(
                              v ->
                                  v.getExecutionState() == ExecutionState.RUNNING
                                      || v.getExecutionState() == ExecutionState.FINISHED);
              return running
                  ? cluster.triggerCheckpoint(job, CheckpointType.CONFIGURED)
                  : CompletableFuture.failedFuture(
                      new IllegalStateException("not all tasks of job " + job + " run yet"));
            });
  }

  /**
   * Starts a MiniCluster with enough slots for {@code jobCount} jobs at the parallelism. Jobs are
   * checkpointed every interval while they have work ({@link CheckpointPacer}); the slots share
   * {@code managedMemory} evenly; its REST API and web UI listen on loopback's {@code restPort} (0
   * picks a free one).
   */
  public static EmbeddedFlink start(
      FlinkSettings settings, int jobCount, ManagedMemory managedMemory, int restPort)
      throws Exception {
    Optional<RecordActivity> activity =
        settings.paced() ? Optional.of(RecordActivity.create()) : Optional.empty();
    try {
      return start(settings, jobCount, managedMemory, restPort, activity);
    } catch (Exception | Error e) {
      activity.ifPresent(RecordActivity::close);
      throw e;
    }
  }

  private static EmbeddedFlink start(
      FlinkSettings settings,
      int jobCount,
      ManagedMemory managedMemory,
      int restPort,
      Optional<RecordActivity> activity)
      throws Exception {
    // Pekko's scheduler, behind Flink's RPC timers (heartbeats, timeouts, restart delays), wakes
    // every 10 ms by default: 200 times a second for the MiniCluster's two actor systems, about
    // 0.01 of a core of an idle process. Nothing on the data or checkpoint path runs on it (tasks
    // and the checkpoint coordinator have timer threads of their own), so 100 ms is precise
    // enough. Read by Typesafe Config from system properties when the actor systems start; a
    // value given with -D wins.
    if (System.getProperty(PEKKO_TICK) == null) {
      System.setProperty(PEKKO_TICK, "100ms");
    }
    Configuration conf = settings.toPacedConfiguration();
    activity.ifPresent(records -> records.configure().forEach(conf::setString));
    conf.setString("web.checkpoints.history", Integer.toString(CHECKPOINT_HISTORY));
    conf.setString("rest.bind-address", "localhost");
    // Flink's blob server (job jars and artifacts) and the TaskManager's data port bind these;
    // left unset they listen on every interface, which the platform never needs.
    conf.setString("jobmanager.bind-host", "localhost");
    conf.setString("taskmanager.bind-host", "localhost");
    conf.setString("rest.port", Integer.toString(restPort));
    conf.setString("taskmanager.memory.managed.size", managedMemory.flinkValue());
    conf.setString("taskmanager.memory.network.min", "64m");
    conf.setString("taskmanager.memory.network.max", "64m");
    conf.setString(FlinkMetricsBridgeFactory.CONFIG_KEY, FlinkMetricsBridgeFactory.class.getName());
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(Math.max(1, jobCount) * settings.parallelism())
                .build());
    cluster.start();
    if (activity.isPresent() && !activity.get().installed()) {
      // Flink only logs a reporter it cannot load (its factory must be in META-INF/services).
      // Unpaced, jobs with work would be checkpointed once a minute instead of every interval.
      cluster.closeAsync().get(60, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "Flink did not install "
              + RecordActivity.class.getName()
              + "; checkpoints cannot be paced");
    }
    return new EmbeddedFlink(settings, cluster, activity);
  }

  /**
   * Submits a job; when it left a completed checkpoint in the data dir it resumes from there, so
   * state, source offsets and pending Kafka transactions survive a crash.
   *
   * @return the checkpoint it resumed from, if any
   */
  public Optional<Path> submit(FlinkJobSpec spec) throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(settings.toPacedConfiguration());
    spec.wiring().accept(env);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(spec.name());
    JobID jobId = spec.jobId();
    graph.setJobId(jobId);
    Optional<Path> restoreFrom = checkpoints.latestCompleted(jobId);
    restoreFrom.ifPresent(
        path ->
            graph.setSavepointRestoreSettings(
                SavepointRestoreSettings.forPath(
                    path.toAbsolutePath().toString(), false, RecoveryClaimMode.CLAIM)));
    cluster.submitJob(graph).get(60, TimeUnit.SECONDS);
    jobs.put(spec.name(), jobId);
    statuses.invalidate();
    pacer.ifPresent(p -> p.add(jobId));
    LOG.info(
        "Submitted Flink job {} ({}){}",
        spec.name(),
        jobId,
        restoreFrom.map(p -> " resuming from " + p).orElse(" from scratch"));
    return restoreFrom;
  }

  /**
   * Status of every submitted job by name, at most {@link #STATUS_MAX_AGE} old: cheap enough for a
   * request path, however many threads ask.
   */
  @Override
  public Map<String, JobStatus> jobStatuses() {
    return statuses.get();
  }

  /** A pipeline is submitted right after the cluster starts; until then it is starting. */
  @Override
  public MissingJob missingJob(String pipeline) {
    return new MissingJob("STARTING", "not submitted yet");
  }

  @Override
  public String description() {
    return "embedded MiniCluster web UI and REST API";
  }

  private Map<String, JobStatus> readJobStatuses() {
    Map<String, JobStatus> read = new LinkedHashMap<>();
    for (Map.Entry<String, JobID> job : submitted().entrySet()) {
      JobStatus status;
      try {
        status = cluster.getJobStatus(job.getValue()).get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("Status of job {} unavailable", job.getKey(), e);
        status = JobStatus.INITIALIZING;
      }
      read.put(job.getKey(), status);
    }
    return Collections.unmodifiableMap(read);
  }

  private Map<String, JobID> submitted() {
    synchronized (jobs) {
      return new LinkedHashMap<>(jobs);
    }
  }

  /**
   * Records the operators of a job have counted so far, what the pacer watches; 0 when checkpoints
   * are not paced.
   */
  public long recordsCounted(JobID job) {
    return activity.map(records -> records.records(job)).orElse(0L);
  }

  /** Triggers a checkpoint of {@code job} now; for tests. */
  CompletableFuture<Long> checkpoint(JobID job) {
    return cluster.triggerCheckpoint(job, CheckpointType.CONFIGURED);
  }

  /** The MiniCluster's REST endpoint (Flink's own API). */
  @Override
  public URI restAddress() throws Exception {
    return cluster.getRestAddress().get(10, TimeUnit.SECONDS);
  }

  /**
   * Cancels the jobs (their latest checkpoints stay on disk for the next start) and stops the
   * cluster.
   */
  @Override
  public void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    pacer.ifPresent(CheckpointPacer::close);
    for (Map.Entry<String, JobID> job : submitted().entrySet()) {
      try {
        cluster.cancelJob(job.getValue()).get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("Cancelling job {} failed; it stops with the cluster", job.getKey(), e);
      }
    }
    try {
      cluster.closeAsync().get(60, TimeUnit.SECONDS);
    } finally {
      activity.ifPresent(RecordActivity::close);
    }
  }
}
