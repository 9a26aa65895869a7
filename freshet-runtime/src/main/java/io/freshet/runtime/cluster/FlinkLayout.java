package io.freshet.runtime.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Flink half of a local cluster: a standalone session cluster of one JobManager and its
 * TaskManagers, with a one-node ZooKeeper for the JobManager's high availability, all on localhost.
 *
 * @param restPort the JobManager's REST API and web UI
 * @param jobManagerPort the JobManager's RPC port, which TaskManagers register on
 * @param zooKeeperPort the ZooKeeper client port
 * @param taskManagers how many TaskManagers
 * @param slotsPerTaskManager task slots of each TaskManager
 */
public record FlinkLayout(
    int restPort,
    int jobManagerPort,
    int zooKeeperPort,
    int taskManagers,
    int slotsPerTaskManager) {

  /** Flink's own default REST port. */
  public static final int DEFAULT_REST_PORT = 8081;

  /** Flink's own default JobManager RPC port. */
  public static final int DEFAULT_JOB_MANAGER_PORT = 6123;

  /** ZooKeeper's own default client port. */
  public static final int DEFAULT_ZOOKEEPER_PORT = 2181;

  /** TaskManagers of a new cluster. */
  public static final int DEFAULT_TASK_MANAGERS = 2;

  /**
   * Slots per TaskManager: two TaskManagers of two slots hold a pipeline at parallelism 4, so a
   * rescale from 2 to 4 needs no new process.
   */
  public static final int DEFAULT_SLOTS = 2;

  /** The process name of the JobManager. */
  public static final String JOB_MANAGER = "jobmanager";

  /** The process name of ZooKeeper. */
  public static final String ZOOKEEPER = "zookeeper";

  public FlinkLayout {
    ClusterLayout.checkPort("Flink REST port", restPort);
    ClusterLayout.checkPort("JobManager RPC port", jobManagerPort);
    ClusterLayout.checkPort("ZooKeeper port", zooKeeperPort);
    if (taskManagers < 1) {
      throw new IllegalArgumentException("--taskmanagers must be at least 1, got " + taskManagers);
    }
    if (slotsPerTaskManager < 1) {
      throw new IllegalArgumentException(
          "slots per TaskManager must be at least 1, got " + slotsPerTaskManager);
    }
  }

  /** A layout on Flink's and ZooKeeper's default ports. */
  public static FlinkLayout defaults(int taskManagers) {
    return new FlinkLayout(
        DEFAULT_REST_PORT,
        DEFAULT_JOB_MANAGER_PORT,
        DEFAULT_ZOOKEEPER_PORT,
        taskManagers,
        DEFAULT_SLOTS);
  }

  /** The TaskManagers' names, {@code taskmanager-1} up, which are also their resource ids. */
  public List<String> taskManagerNames() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= taskManagers; i++) {
      names.add("taskmanager-" + i);
    }
    return names;
  }

  /** Slots of the whole cluster, the highest parallelism a job can run at. */
  public int slots() {
    return taskManagers * slotsPerTaskManager;
  }

  /** The Flink processes' shared directory: configuration, checkpoints, savepoints, HA data. */
  public Path flinkDir(Path clusterDir) {
    return clusterDir.resolve("flink");
  }

  /** Where every job's checkpoints go, shared by all processes as a cluster's would be. */
  public Path checkpointDir(Path clusterDir) {
    return flinkDir(clusterDir).resolve("checkpoints");
  }

  /** Where savepoints go by default. */
  public Path savepointDir(Path clusterDir) {
    return flinkDir(clusterDir).resolve("savepoints");
  }

  /** The JobManager's REST address as a URL. */
  public String restUrl() {
    return "http://localhost:" + restPort;
  }
}
