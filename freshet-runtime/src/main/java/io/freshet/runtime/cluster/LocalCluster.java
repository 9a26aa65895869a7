package io.freshet.runtime.cluster;

import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.runtime.flink.FlinkJob;
import io.freshet.runtime.flink.FlinkRestException;
import io.freshet.runtime.kafka.AdminCalls;
import io.freshet.runtime.kafka.TopicProvisioner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster of separate OS processes on this machine, all in one directory: {@code up} starts what
 * does not run and waits until the whole is healthy, {@code status} looks, {@code down} stops every
 * process of the cluster and nothing else.
 *
 * <p>Kafka's nodes start first and stop last; ZooKeeper, the Flink JobManager and its TaskManagers
 * start after Kafka and stop before it, so that jobs never run without their topics.
 */
public final class LocalCluster {
  /** How long {@code up} waits for the cluster to become healthy. */
  public static final Duration DEFAULT_START_DEADLINE = Duration.ofMinutes(3);

  /** How long {@code down} lets a process shut down cleanly before it is killed. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(60);

  /** Brokers when {@code up} plans a new cluster. */
  public static final int DEFAULT_BROKERS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 250;
  private static final String LOCK_FILE = "cluster.lock";

  private final ClusterLayout layout;
  private final List<KafkaNode> kafka;
  private final FlinkNodes flink;

  public LocalCluster(ClusterLayout layout, Jvm jvm, FlinkDistribution dist) {
    this.layout = layout;
    this.kafka = layout.brokers().stream().map(b -> new KafkaNode(layout, b, jvm)).toList();
    this.flink = new FlinkNodes(layout, jvm, dist);
  }

  /**
   * The layout kept in {@code dir}, or a new one when there is none. An existing cluster keeps its
   * layout: asking for other counts or ports fails rather than orphaning its data.
   */
  public static ClusterLayout layout(Path dir, ClusterRequest request) {
    Optional<ClusterLayout> existing = ClusterLayout.read(dir);
    if (existing.isEmpty()) {
      return ClusterLayout.plan(
          dir,
          request.brokers().orElse(DEFAULT_BROKERS),
          request.basePort().orElse(ClusterLayout.DEFAULT_BASE_PORT),
          Uuid.randomUuid().toString(),
          request.flink());
    }
    ClusterLayout kept = existing.get();
    String conflicts = request.conflicts(kept);
    if (!conflicts.isEmpty()) {
      throw new ClusterException(
          kept.dir()
              + " holds a cluster of "
              + kept.brokers().size()
              + " brokers from port "
              + kept.basePort()
              + " and "
              + kept.flink().taskManagers()
              + " TaskManagers ("
              + kept.file()
              + "); it keeps that layout, so "
              + conflicts
              + " cannot be. To change it, `cluster down` and remove the directory, or use another"
              + " --dir.");
    }
    return kept;
  }

  /** Its layout. */
  public ClusterLayout layout() {
    return layout;
  }

  /** The Kafka nodes, in node-id order. */
  public List<KafkaNode> kafkaNodes() {
    return kafka;
  }

  /** The Flink processes: ZooKeeper, the JobManager and the TaskManagers. */
  public FlinkNodes flinkNodes() {
    return flink;
  }

  /** Every process of the cluster, in start order. */
  public List<ManagedProcess> processes() {
    List<ManagedProcess> all = new ArrayList<>(kafka.stream().map(KafkaNode::process).toList());
    all.addAll(flink.processes());
    return all;
  }

  /**
   * Starts every process that does not run, waits until every broker is live, creates the missing
   * topics with the cluster's replication factor, and waits until no partition is under-replicated
   * or offline.
   *
   * @param topics the topics to create, by their descriptors
   * @param deadline how long the whole may take
   * @param progress told of each step, for a person watching
   * @throws ClusterException naming the process and its log when one fails or the deadline passes
   */
  public UpReport up(
      Collection<TopicDescriptor<?, ?>> topics, Duration deadline, Consumer<String> progress)
      throws InterruptedException {
    long deadlineNanos = System.nanoTime() + deadline.toNanos();
    try (DirLock lock = DirLock.take(layout.dir())) {
      List<KafkaNode> stopped =
          kafka.stream().filter(n -> n.process().running().isEmpty()).toList();
      // Every port is checked before anything is written or started: a conflict leaves nothing
      // half-up, and a new cluster's layout unwritten, free to be planned on other ports.
      stopped.forEach(KafkaNode::checkPortsFree);
      checkFlinkPortsFree();
      layout.write();
      List<String> formatted = new ArrayList<>();
      for (KafkaNode node : stopped) {
        if (node.prepare()) {
          formatted.add(node.broker().name());
        }
      }
      List<String> started = new ArrayList<>();
      List<String> alreadyRunning = new ArrayList<>();
      Map<ManagedProcess, ProcessHandle> handles = new HashMap<>();
      for (KafkaNode node : kafka) {
        ManagedProcess.Launch launch = node.process().start();
        handles.put(node.process(), launch.process());
        if (launch.launched()) {
          started.add(node.broker().name());
          progress.accept(
              "Started " + node.broker().name() + " (pid " + launch.process().pid() + ")");
        } else {
          alreadyRunning.add(node.broker().name());
        }
      }
      try (Admin admin = admin()) {
        awaitBrokers(admin, handles, deadline, deadlineNanos);
        progress.accept(
            "All "
                + kafka.size()
                + " brokers live; creating missing topics (RF "
                + layout.replicationFactor()
                + ")");
        List<String> created = createTopics(admin, topics);
        awaitFullyReplicated(admin, deadline, deadlineNanos);
        startFlink(started, alreadyRunning, deadline, deadlineNanos, progress);
        return new UpReport(started, alreadyRunning, formatted, created, status(admin));
      }
    }
  }

  /** Each process's state and the Kafka cluster as its Admin API sees it. */
  public ClusterStatus status() throws InterruptedException {
    try (Admin admin = admin()) {
      return status(admin);
    }
  }

  /**
   * Stops every process of the cluster that runs: SIGTERM, then SIGKILL for any still running after
   * {@code grace}; removes the pid files and leaves the data.
   */
  public List<ManagedProcess.Stopped> down(Duration grace) throws InterruptedException {
    try (DirLock lock = DirLock.take(layout.dir())) {
      // Flink first, so no job fails on a Kafka going away under it; ZooKeeper after the
      // JobManager that uses it; the Kafka nodes together, as their quorum needs.
      List<ManagedProcess> jobManagerAndWorkers = new ArrayList<>(flink.taskManagers());
      jobManagerAndWorkers.add(flink.jobManager());
      List<ManagedProcess.Stopped> stopped =
          new ArrayList<>(ManagedProcess.stopAll(jobManagerAndWorkers, grace));
      stopped.addAll(ManagedProcess.stopAll(List.of(flink.zooKeeper()), grace));
      stopped.addAll(
          ManagedProcess.stopAll(kafka.stream().map(KafkaNode::process).toList(), grace));
      return stopped;
    }
  }

  private void checkFlinkPortsFree() {
    if (flink.zooKeeper().running().isEmpty()) {
      KafkaNode.checkPortFree(FlinkLayout.ZOOKEEPER, layout.flink().zooKeeperPort());
    }
    if (flink.jobManager().running().isEmpty()) {
      KafkaNode.checkPortFree(FlinkLayout.JOB_MANAGER, layout.flink().jobManagerPort());
      KafkaNode.checkPortFree(FlinkLayout.JOB_MANAGER, layout.flink().restPort());
    }
  }

  /**
   * Starts ZooKeeper, then the JobManager, then the TaskManagers, each that does not run, waiting
   * for each step to be healthy before the next: a JobManager before ZooKeeper cannot become
   * leader, and a TaskManager before its JobManager only retries.
   */
  private void startFlink(
      List<String> started,
      List<String> alreadyRunning,
      Duration deadline,
      long deadlineNanos,
      Consumer<String> progress)
      throws InterruptedException {
    if (flink.processes().stream().anyMatch(p -> p.running().isEmpty())) {
      flink.prepare();
    }
    List<List<ManagedProcess>> steps =
        List.of(List.of(flink.zooKeeper()), List.of(flink.jobManager()), flink.taskManagers());
    for (List<ManagedProcess> step : steps) {
      Map<ManagedProcess, ProcessHandle> handles = new HashMap<>();
      for (ManagedProcess p : step) {
        ManagedProcess.Launch launch = p.start();
        handles.put(p, launch.process());
        if (launch.launched()) {
          started.add(p.name());
          progress.accept("Started " + p.name() + " (pid " + launch.process().pid() + ")");
        } else {
          alreadyRunning.add(p.name());
        }
      }
      awaitHealthy(handles, deadline, deadlineNanos);
    }
    progress.accept(
        "Flink: JobManager at "
            + layout.flink().restUrl()
            + " with "
            + layout.flink().taskManagers()
            + " TaskManagers, "
            + layout.flink().slots()
            + " slots");
  }

  /**
   * Waits until each process is healthy. Whether one died is asked of its handle, not of its
   * command line: while a just-started process execs (setsid, then java) the kernel may show no
   * command line at all, and the process is not gone.
   */
  private static void awaitHealthy(
      Map<ManagedProcess, ProcessHandle> step, Duration deadline, long deadlineNanos)
      throws InterruptedException {
    for (Map.Entry<ManagedProcess, ProcessHandle> entry : step.entrySet()) {
      ManagedProcess p = entry.getKey();
      while (true) {
        if (ManagedProcess.exited(entry.getValue())) {
          throw new ClusterException(
              p.name()
                  + " exited while the cluster came up; see "
                  + p.spec().logFile()
                  + " and "
                  + p.spec().outputFile()
                  + p.lastLoggedError().map(e -> ". Its last error: " + e).orElse(""));
        }
        if (p.status().state() == ProcessState.RUNNING) {
          break;
        }
        if (System.nanoTime() >= deadlineNanos) {
          throw new ClusterException(
              p.name()
                  + " was not healthy within "
                  + deadline.toSeconds()
                  + " s; see "
                  + p.spec().logFile());
        }
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      }
    }
  }

  private ClusterStatus status(Admin admin) throws InterruptedException {
    List<ProcessStatus> processes = new ArrayList<>();
    for (ManagedProcess p : processes()) {
      processes.add(p.status());
    }
    FlinkView flinkView = flinkView();
    if (kafka.stream().allMatch(n -> n.process().running().isEmpty())) {
      // Asking would only wait out the Admin client's timeout.
      return new ClusterStatus(
          layout,
          processes,
          Optional.empty(),
          Optional.of("no broker runs"),
          flinkView.jobs(),
          flinkView.error());
    }
    try {
      return new ClusterStatus(
          layout,
          processes,
          Optional.of(kafkaHealth(admin)),
          Optional.empty(),
          flinkView.jobs(),
          flinkView.error());
    } catch (KafkaException e) {
      return new ClusterStatus(
          layout,
          processes,
          Optional.empty(),
          Optional.of("no broker answers at " + layout.bootstrapServers() + ": " + e.getMessage()),
          flinkView.jobs(),
          flinkView.error());
    }
  }

  private FlinkView flinkView() throws InterruptedException {
    if (flink.jobManager().running().isEmpty()) {
      return new FlinkView(List.of(), Optional.of("the JobManager does not run"));
    }
    try {
      return new FlinkView(flink.rest().jobs(), Optional.empty());
    } catch (FlinkRestException e) {
      return new FlinkView(List.of(), Optional.of(e.getMessage()));
    }
  }

  private record FlinkView(List<FlinkJob> jobs, Optional<String> error) {}

  private KafkaHealth kafkaHealth(Admin admin) throws InterruptedException {
    int seen = liveBrokers(admin).size();
    Set<String> names =
        AdminCalls.await(
            admin
                .listTopics(
                    new ListTopicsOptions()
                        .listInternal(true)
                        .timeoutMs(AdminCalls.millis(ADMIN_TIMEOUT)))
                .names(),
            ADMIN_TIMEOUT);
    Map<String, TopicDescription> described =
        names.isEmpty()
            ? Map.of()
            : AdminCalls.await(
                admin
                    .describeTopics(
                        names,
                        new DescribeTopicsOptions().timeoutMs(AdminCalls.millis(ADMIN_TIMEOUT)))
                    .allTopicNames(),
                ADMIN_TIMEOUT);
    int partitions = 0;
    int underReplicated = 0;
    int offline = 0;
    for (TopicDescription topic : described.values()) {
      for (TopicPartitionInfo p : topic.partitions()) {
        partitions++;
        if (p.isr().size() < p.replicas().size()) {
          underReplicated++;
        }
        if (p.leader() == null || p.leader().isEmpty()) {
          offline++;
        }
      }
    }
    return new KafkaHealth(seen, kafka.size(), partitions, underReplicated, offline);
  }

  private Set<Integer> liveBrokers(Admin admin) throws InterruptedException {
    return AdminCalls.await(
            admin
                .describeCluster(
                    new DescribeClusterOptions().timeoutMs(AdminCalls.millis(ADMIN_TIMEOUT)))
                .nodes(),
            ADMIN_TIMEOUT)
        .stream()
        .map(Node::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Waits until every broker is live, failing as soon as one of them is found dead. */
  private void awaitBrokers(
      Admin admin,
      Map<ManagedProcess, ProcessHandle> handles,
      Duration deadline,
      long deadlineNanos)
      throws InterruptedException {
    Set<Integer> expected =
        layout.brokers().stream().map(BrokerLayout::nodeId).collect(Collectors.toSet());
    Set<Integer> live = Set.of();
    while (true) {
      for (KafkaNode node : kafka) {
        if (ManagedProcess.exited(handles.get(node.process()))) {
          throw new ClusterException(
              node.broker().name()
                  + " exited while the cluster came up; see "
                  + node.logFile()
                  + " and "
                  + node.process().spec().outputFile()
                  + node.process().lastLoggedError().map(e -> ". Its last error: " + e).orElse(""));
        }
      }
      try {
        live = liveBrokers(admin);
        if (live.containsAll(expected)) {
          return;
        }
      } catch (KafkaException e) {
        LOG.debug("No broker answers yet: {}", e.toString());
      }
      if (System.nanoTime() >= deadlineNanos) {
        Set<Integer> seen = live;
        List<String> missing =
            kafka.stream()
                .filter(n -> !seen.contains(n.broker().nodeId()))
                .map(n -> n.broker().name() + " (" + n.logFile() + ")")
                .toList();
        throw new ClusterException(
            "Not every broker became live within "
                + deadline.toSeconds()
                + " s; missing "
                + String.join(", ", missing));
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }

  private List<String> createTopics(Admin admin, Collection<TopicDescriptor<?, ?>> topics)
      throws InterruptedException {
    if (topics.isEmpty()) {
      return List.of();
    }
    try {
      return new TopicProvisioner(admin, (short) layout.replicationFactor()).ensure(topics);
    } catch (ExecutionException | TimeoutException e) {
      throw new ClusterException("Cannot create the topics: " + e.getMessage(), e);
    }
  }

  /** Waits until every partition has a leader and all its replicas in sync. */
  private void awaitFullyReplicated(Admin admin, Duration deadline, long deadlineNanos)
      throws InterruptedException {
    KafkaHealth health = null;
    while (true) {
      try {
        health = kafkaHealth(admin);
        if (health.healthy()) {
          return;
        }
      } catch (KafkaException e) {
        LOG.debug("Cannot describe the topics yet: {}", e.toString());
      }
      if (System.nanoTime() >= deadlineNanos) {
        throw new ClusterException(
            "The brokers are live but the partitions were not all in sync within "
                + deadline.toSeconds()
                + " s"
                + (health == null
                    ? ""
                    : ": "
                        + health.underReplicated()
                        + " under-replicated, "
                        + health.offline()
                        + " offline of "
                        + health.partitions())
                + "; see the brokers' logs in "
                + layout.dir());
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            layout.bootstrapServers(),
            AdminClientConfig.CLIENT_ID_CONFIG,
            "freshet-cluster",
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            AdminCalls.millis(ADMIN_TIMEOUT),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            AdminCalls.millis(ADMIN_TIMEOUT)));
  }

  /**
   * Keeps a second {@code up} or {@code down} on the same directory out while one works, so two
   * commands never both start the same broker.
   */
  private record DirLock(FileChannel channel, FileLock lock) implements AutoCloseable {
    static DirLock take(Path dir) {
      Path file = dir.resolve(LOCK_FILE);
      FileChannel channel = null;
      try {
        Files.createDirectories(dir);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
          throw new ClusterException(
              "Another `freshet cluster` command is working on " + dir + "; try again after it");
        }
        return new DirLock(channel, lock);
      } catch (IOException | OverlappingFileLockException e) {
        closeAfterFailure(channel, e);
        throw new ClusterException("Cannot lock " + file + ": " + e, e);
      } catch (ClusterException e) {
        closeAfterFailure(channel, e);
        throw e;
      }
    }

    private static void closeAfterFailure(FileChannel channel, Exception cause) {
      if (channel == null) {
        return;
      }
      try {
        channel.close();
      } catch (IOException closeFailure) {
        cause.addSuppressed(closeFailure);
      }
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw new ClusterException("Cannot release the lock on " + LOCK_FILE + ": " + e, e);
      }
    }
  }
}
