package io.freshet.runtime.cluster;

import io.freshet.pipelines.topic.TopicDescriptor;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
 * <p>Today the processes are the Kafka nodes; the Flink JobManager and TaskManagers are to join
 * {@link #processes()}, started after Kafka and stopped before it.
 */
public final class LocalCluster {
  /** How long {@code up} waits for the cluster to become healthy. */
  public static final Duration DEFAULT_START_DEADLINE = Duration.ofMinutes(2);

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

  public LocalCluster(ClusterLayout layout, Jvm jvm) {
    this.layout = layout;
    this.kafka = layout.brokers().stream().map(b -> new KafkaNode(layout, b, jvm)).toList();
  }

  /**
   * The layout kept in {@code dir}, or a new one when there is none. An existing cluster keeps its
   * layout: asking for another broker count or base port fails rather than orphaning its data.
   */
  public static ClusterLayout layout(Path dir, OptionalInt brokers, OptionalInt basePort) {
    Optional<ClusterLayout> existing = ClusterLayout.read(dir);
    if (existing.isEmpty()) {
      return ClusterLayout.plan(
          dir,
          brokers.orElse(DEFAULT_BROKERS),
          basePort.orElse(ClusterLayout.DEFAULT_BASE_PORT),
          Uuid.randomUuid().toString());
    }
    ClusterLayout kept = existing.get();
    boolean otherCount = brokers.isPresent() && brokers.getAsInt() != kept.brokers().size();
    boolean otherPort = basePort.isPresent() && basePort.getAsInt() != kept.basePort();
    if (otherCount || otherPort) {
      throw new ClusterException(
          kept.dir()
              + " holds a cluster of "
              + kept.brokers().size()
              + " brokers from port "
              + kept.basePort()
              + " ("
              + kept.file()
              + "); it keeps that layout. To change it, `cluster down` and remove the directory,"
              + " or use another --dir.");
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

  /** Every process of the cluster, in start order. */
  public List<ManagedProcess> processes() {
    return kafka.stream().map(KafkaNode::process).toList();
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
      layout.write();
      List<String> formatted = new ArrayList<>();
      for (KafkaNode node : stopped) {
        if (node.prepare()) {
          formatted.add(node.broker().name());
        }
      }
      List<String> started = new ArrayList<>();
      List<String> alreadyRunning = new ArrayList<>();
      for (KafkaNode node : kafka) {
        ManagedProcess.Launch launch = node.process().start();
        if (launch.launched()) {
          started.add(node.broker().name());
          progress.accept(
              "Started " + node.broker().name() + " (pid " + launch.process().pid() + ")");
        } else {
          alreadyRunning.add(node.broker().name());
        }
      }
      try (Admin admin = admin()) {
        awaitBrokers(admin, deadline, deadlineNanos);
        progress.accept(
            "All "
                + kafka.size()
                + " brokers live; creating missing topics (RF "
                + layout.replicationFactor()
                + ")");
        List<String> created = createTopics(admin, topics);
        awaitFullyReplicated(admin, deadline, deadlineNanos);
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
      return ManagedProcess.stopAll(processes(), grace);
    }
  }

  private ClusterStatus status(Admin admin) throws InterruptedException {
    List<ProcessStatus> processes = new ArrayList<>();
    for (ManagedProcess p : processes()) {
      processes.add(p.status());
    }
    if (processes.stream().allMatch(p -> p.state() == ProcessState.STOPPED)) {
      // Asking would only wait out the Admin client's timeout.
      return new ClusterStatus(layout, processes, Optional.empty(), Optional.of("no broker runs"));
    }
    try {
      return new ClusterStatus(
          layout, processes, Optional.of(kafkaHealth(admin)), Optional.empty());
    } catch (KafkaException e) {
      return new ClusterStatus(
          layout,
          processes,
          Optional.empty(),
          Optional.of("no broker answers at " + layout.bootstrapServers() + ": " + e.getMessage()));
    }
  }

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
  private void awaitBrokers(Admin admin, Duration deadline, long deadlineNanos)
      throws InterruptedException {
    Set<Integer> expected =
        layout.brokers().stream().map(BrokerLayout::nodeId).collect(Collectors.toSet());
    Set<Integer> live = Set.of();
    while (true) {
      for (KafkaNode node : kafka) {
        if (node.process().running().isEmpty()) {
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
