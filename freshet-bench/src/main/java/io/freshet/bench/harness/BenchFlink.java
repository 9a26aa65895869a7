package io.freshet.bench.harness;

import io.freshet.runtime.flink.FlinkSettings;
import io.freshet.runtime.flink.ManagedMemory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A Flink MiniCluster for one benchmark run, configured like Freshet's embedded one, that runs jobs
 * from scratch and reports their timing and checkpoints.
 */
public final class BenchFlink implements AutoCloseable {
  private final MiniCluster cluster;
  private final Path checkpointRoot;
  private final int parallelism;

  private BenchFlink(MiniCluster cluster, Path checkpointRoot, int parallelism) {
    this.cluster = cluster;
    this.checkpointRoot = checkpointRoot;
    this.parallelism = parallelism;
  }

  /**
   * Starts a cluster with room for {@code concurrentJobs} jobs at {@code parallelism}, with as much
   * managed memory as {@code freshet run} has by default.
   */
  public static BenchFlink start(Path checkpointRoot, int parallelism, int concurrentJobs)
      throws Exception {
    return start(checkpointRoot, parallelism, concurrentJobs, ManagedMemory.DEFAULT);
  }

  /**
   * Starts a cluster with room for {@code concurrentJobs} jobs at {@code parallelism}, whose slots
   * share {@code managedMemory} evenly.
   */
  public static BenchFlink start(
      Path checkpointRoot, int parallelism, int concurrentJobs, ManagedMemory managedMemory)
      throws Exception {
    Configuration conf = new Configuration();
    conf.setString("rest.bind-address", "localhost");
    conf.setString("rest.port", "0");
    // RocksDB lives in managed memory; the heap backend ignores it.
    conf.setString("taskmanager.memory.managed.size", managedMemory.flinkValue());
    conf.setString("taskmanager.memory.network.min", "64m");
    conf.setString("taskmanager.memory.network.max", "64m");
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(concurrentJobs * parallelism)
                .build());
    cluster.start();
    return new BenchFlink(cluster, checkpointRoot, parallelism);
  }

  public int parallelism() {
    return parallelism;
  }

  /** Submits {@code job} from scratch; the clock of the returned run starts at submission. */
  public JobRun submit(BenchJob job) throws Exception {
    JobID jobId = JobID.generate();
    Configuration conf =
        new FlinkSettings(
                parallelism,
                job.checkpointInterval(),
                checkpointRoot.resolve(jobId.toHexString()),
                job.stateBackend())
            .toConfiguration();
    // A benchmark failure must surface, not loop through restarts.
    conf.setString("restart-strategy.type", "none");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    job.wiring().accept(env);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(job.name());
    graph.setJobId(jobId);
    long submitted = System.nanoTime();
    cluster.submitJob(graph).get(60, TimeUnit.SECONDS);
    return new JobRun(cluster, jobId, job.name(), submitted);
  }

  @Override
  public void close() throws Exception {
    cluster.closeAsync().get(60, TimeUnit.SECONDS);
  }
}
