package io.freshet.runtime.cluster;

import io.freshet.runtime.flink.FlinkRest;
import io.freshet.runtime.flink.FlinkRestException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * The Flink half of a local cluster as processes: ZooKeeper (Flink's shaded quorum peer), the
 * JobManager ({@code StandaloneSessionClusterEntrypoint}) and the TaskManagers ({@code
 * TaskManagerRunner}), each run from Flink's Maven jars with the memory flags Flink's own start
 * scripts would compute.
 */
public final class FlinkNodes {
  private static final String MARKER = "-Dfreshet.cluster.process=";
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

  private final ClusterLayout cluster;
  private final FlinkDistribution dist;
  private final FlinkClusterConfig config;
  private final FlinkRest rest;
  private final ManagedProcess zooKeeper;
  private final ManagedProcess jobManager;
  private final List<ManagedProcess> taskManagers;

  public FlinkNodes(ClusterLayout cluster, Jvm jvm, FlinkDistribution dist) {
    this.cluster = cluster;
    this.dist = dist;
    this.config = new FlinkClusterConfig(cluster);
    this.rest = new FlinkRest(java.net.URI.create(cluster.flink().restUrl()));
    this.zooKeeper = zooKeeper(jvm);
    this.jobManager = jobManager(jvm);
    List<ManagedProcess> tms = new ArrayList<>();
    for (String name : cluster.flink().taskManagerNames()) {
      tms.add(taskManager(jvm, name));
    }
    this.taskManagers = List.copyOf(tms);
  }

  /** The JobManager's REST API. */
  public FlinkRest rest() {
    return rest;
  }

  /** Its ZooKeeper. */
  public ManagedProcess zooKeeper() {
    return zooKeeper;
  }

  /** The JobManager. */
  public ManagedProcess jobManager() {
    return jobManager;
  }

  /** The TaskManagers, {@code taskmanager-1} first. */
  public List<ManagedProcess> taskManagers() {
    return taskManagers;
  }

  /** ZooKeeper, the JobManager, then the TaskManagers: the order they start in. */
  public List<ManagedProcess> processes() {
    List<ManagedProcess> all = new ArrayList<>();
    all.add(zooKeeper);
    all.add(jobManager);
    all.addAll(taskManagers);
    return all;
  }

  /** The ports, with what they are, that must be free before a first start. */
  public List<Integer> fixedPorts() {
    FlinkLayout f = cluster.flink();
    return List.of(f.zooKeeperPort(), f.jobManagerPort(), f.restPort());
  }

  /** Writes the configuration files every Flink process reads; before any of them starts. */
  public void prepare() {
    config.write();
    Path zk = zooKeeperDir();
    String zooCfg =
        String.join(
            "\n",
            "# Written by `freshet cluster up`: a one-node ZooKeeper for Flink's JobManager HA.",
            "tickTime=2000",
            "initLimit=10",
            "syncLimit=5",
            "dataDir=" + zk.resolve("data"),
            "clientPort=" + cluster.flink().zooKeeperPort(),
            "clientPortAddress=localhost",
            "admin.enableServer=false",
            "4lw.commands.whitelist=ruok,srvr",
            "");
    try {
      Files.createDirectories(zk.resolve("data"));
      Files.writeString(zooCfgFile(), zooCfg, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ClusterException("Cannot write ZooKeeper's configuration in " + zk + ": " + e, e);
    }
  }

  private Path zooKeeperDir() {
    return cluster.dir().resolve("zookeeper");
  }

  private Path zooCfgFile() {
    return zooKeeperDir().resolve("zoo.cfg");
  }

  private ManagedProcess zooKeeper(Jvm jvm) {
    List<String> command = base(jvm, FlinkLayout.ZOOKEEPER, List.of("-Xms128m", "-Xmx256m"));
    command.add("org.apache.flink.runtime.zookeeper.FlinkZooKeeperQuorumPeer");
    command.addAll(List.of("--zkConfigFile", zooCfgFile().toString(), "--peerId", "1"));
    int port = cluster.flink().zooKeeperPort();
    return new ManagedProcess(
        spec(FlinkLayout.ZOOKEEPER, command, zooKeeperDir(), List.of(port + " client")),
        () -> accepts(port));
  }

  private ManagedProcess jobManager(Jvm jvm) {
    Configuration conf = config.configuration();
    JobManagerProcessSpec memory = JobManagerProcessUtils.processSpecFromConfig(conf);
    List<String> jvmFlags =
        new ArrayList<>(split(JobManagerProcessUtils.generateJvmParametersStr(memory, conf)));
    List<String> command = base(jvm, FlinkLayout.JOB_MANAGER, jvmFlags);
    command.add("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
    command.addAll(List.of("--configDir", config.confDir().toString()));
    command.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(memory)));
    command.addAll(tmpDir(FlinkLayout.JOB_MANAGER));
    FlinkLayout f = cluster.flink();
    return new ManagedProcess(
        spec(
            FlinkLayout.JOB_MANAGER,
            command,
            config.flinkDir(),
            List.of(f.restPort() + " REST/web UI", f.jobManagerPort() + " RPC")),
        rest::answers);
  }

  private ManagedProcess taskManager(Jvm jvm, String name) {
    TaskExecutorProcessSpec memory =
        TaskExecutorProcessUtils.processSpecFromConfig(config.configuration());
    List<String> command =
        base(
            jvm, name, new ArrayList<>(split(ProcessMemoryUtils.generateJvmParametersStr(memory))));
    command.add("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
    command.addAll(List.of("--configDir", config.confDir().toString()));
    command.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(memory)));
    // Its resource id is its name, so the JobManager's list of TaskManagers says which is which.
    command.addAll(List.of("-D", "taskmanager.resource-id=" + name));
    command.addAll(tmpDir(name));
    return new ManagedProcess(
        spec(
            name,
            command,
            config.flinkDir(),
            List.of(cluster.flink().slotsPerTaskManager() + " slots")),
        () -> registered(name));
  }

  private boolean registered(String name) throws InterruptedException {
    try {
      return rest.taskManagerIds().contains(name);
    } catch (FlinkRestException e) {
      return false;
    }
  }

  private List<String> base(Jvm jvm, String name, List<String> jvmFlags) {
    List<String> command = new ArrayList<>();
    command.add(jvm.java().toString());
    command.add("@" + dist.jvmOptionsFile());
    command.addAll(jvmFlags);
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Dlog.file=" + logFile(name));
    command.add("-Dlog4j.configurationFile=" + config.log4jFile());
    command.add(MARKER + cluster.dir().resolve(name));
    return command;
  }

  /**
   * A short working directory (RocksDB instances, spilled data) under the system's temporary
   * directory: RocksDB names its info log after the instance's whole path, and under a deep cluster
   * directory that name passed 255 characters, so that every restore of keyed state failed.
   */
  private List<String> tmpDir(String name) {
    Path tmp =
        Path.of(System.getProperty("java.io.tmpdir"), "freshet-" + cluster.clusterId(), name);
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new ClusterException("Cannot create " + tmp + ": " + e, e);
    }
    return List.of("-D", "io.tmp.dirs=" + tmp);
  }

  private ProcessSpec spec(String name, List<String> command, Path workingDir, List<String> ports) {
    Path dir = cluster.dir();
    return new ProcessSpec(
        name,
        command,
        // The classpath goes by environment so the command line stays short enough to read in ps.
        Map.of("CLASSPATH", dist.classpath()),
        workingDir,
        dir.resolve(name + ".pid"),
        logFile(name),
        dir.resolve(name + ".out"),
        MARKER + dir.resolve(name),
        ports);
  }

  private Path logFile(String name) {
    return cluster.dir().resolve(name + ".log");
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Flink's flag strings, as its start scripts split them: on whitespace. */
  private static List<String> split(String flags) {
    return Arrays.stream(flags.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
