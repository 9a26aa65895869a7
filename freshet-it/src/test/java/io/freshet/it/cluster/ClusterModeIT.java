package io.freshet.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.freshet.it.FreshetProcess;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.testkit.kafka.TopicReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./freshet cluster up|status|down}, its Kafka half: the pipelines' topics come up with
 * three replicas, acknowledged writes survive a {@code kill -9} of a partition's leader and writes
 * go on with two in-sync replicas, {@code up} brings back only the killed broker, and {@code down}
 * stops the three processes and nothing else.
 */
class ClusterModeIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);
  private static final int RECORDS = 1000;
  private static final int BROKERS = ClusterPorts.BROKERS;
  private static final int CONTROLLER_PORT_OFFSET = ClusterPorts.CONTROLLER_PORT_OFFSET;
  private static final String FLINK_PROCESSES =
      "zookeeper, jobmanager, taskmanager-1, taskmanager-2";

  @TempDir Path dir;

  @Test
  void threeBrokersSurviveTheLossOfALeaderAndComeBackWhole() throws Exception {
    ClusterPorts ports = ClusterPorts.free();
    int basePort = ports.basePort();
    String bootstrap = ports.bootstrapServers();
    try {
      String up = cli(ports.upArgs(dir));
      assertThat(up)
          .contains("3 brokers, replication factor 3, min.insync.replicas 2")
          .contains(
              "Started: broker-1, broker-2, broker-3, "
                  + FLINK_PROCESSES
                  + "; already running: none")
          .contains("Kafka: 3 of 3 brokers live;")
          .contains(" 0 under-replicated, 0 offline");
      Map<Integer, Long> pids = pids();
      assertThat(pids).containsOnlyKeys(1, 2, 3);

      List<TopicDescriptor<?, ?>> descriptors =
          PipelineCatalog.discovered().topics(TopicNaming.PRODUCTION);
      String topic = descriptors.get(0).name();
      try (Admin admin = admin(bootstrap)) {
        assertThat(liveBrokers(admin)).containsExactly(1, 2, 3);
        Map<String, TopicDescription> described = describe(admin, names(descriptors));
        for (TopicDescriptor<?, ?> d : descriptors) {
          assertThat(described.get(d.name()).partitions()).hasSize(d.partitions());
          assertThat(described.get(d.name()).partitions())
              .allSatisfy(p -> assertThat(p.replicas()).hasSize(3))
              .allSatisfy(p -> assertThat(p.isr()).hasSize(3));
        }
        Map<ConfigResource, Config> configs =
            admin
                .describeConfigs(
                    descriptors.stream()
                        .map(d -> new ConfigResource(ConfigResource.Type.TOPIC, d.name()))
                        .toList())
                .all()
                .get(30, TimeUnit.SECONDS);
        assertThat(configs.values())
            .hasSize(descriptors.size())
            .allSatisfy(c -> assertThat(c.get("min.insync.replicas").value()).isEqualTo("2"));

        List<String> firstBatch = values("before-", RECORDS);
        produce(bootstrap, topic, firstBatch);
        assertThat(readAll(bootstrap, topic)).containsExactlyInAnyOrderElementsOf(firstBatch);

        int leader = partitionZero(admin, topic).leader().id();
        long leaderPid = pids.get(leader);
        ProcessHandle victim = ProcessHandle.of(leaderPid).orElseThrow();
        long killedAt = System.nanoTime();
        assertThat(victim.destroyForcibly()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !victim.isAlive());

        List<String> secondBatch = values("after-", RECORDS);
        long failoverMillis;
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
          // The first acknowledged write to the dead leader's partition marks the failover.
          producer
              .send(new ProducerRecord<>(topic, 0, null, secondBatch.get(0)))
              .get(60, TimeUnit.SECONDS);
          failoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
          for (String value : secondBatch.subList(1, secondBatch.size())) {
            producer.send(new ProducerRecord<>(topic, value, value));
          }
          producer.flush();
        }
        System.out.printf(
            "ClusterModeIT: broker-%d (pid %d, leader of %s-0) killed; first acks=all write to"
                + " the partition acknowledged after %d ms%n",
            leader, leaderPid, topic, failoverMillis);
        // The brokers' metadata caches follow the controller's decision a moment later.
        await()
            .atMost(KAFKA_TIMEOUT)
            .pollInterval(Duration.ofMillis(250))
            .untilAsserted(
                () -> {
                  TopicPartitionInfo failedOver = partitionZero(admin, topic);
                  assertThat(failedOver.leader().id()).isNotEqualTo(leader);
                  assertThat(failedOver.isr())
                      .hasSize(2)
                      .extracting(Node::id)
                      .doesNotContain(leader);
                });
        List<String> all = new ArrayList<>(firstBatch);
        all.addAll(secondBatch);
        assertThat(readAll(bootstrap, topic)).containsExactlyInAnyOrderElementsOf(all);

        String again = cli("cluster", "up", "--dir", dir.toString());
        List<String> others =
            pids.keySet().stream().filter(id -> id != leader).map(id -> "broker-" + id).toList();
        assertThat(again)
            .contains(
                "Started: broker-"
                    + leader
                    + "; already running: "
                    + String.join(", ", others)
                    + ", "
                    + FLINK_PROCESSES)
            .contains("Topics: all existed");
        Map<Integer, Long> restarted = pids();
        for (int id : pids.keySet()) {
          if (id == leader) {
            assertThat(restarted.get(id)).isNotEqualTo(leaderPid);
          } else {
            assertThat(restarted.get(id))
                .as("broker-%d kept its process", id)
                .isEqualTo(pids.get(id));
          }
        }
        await()
            .atMost(KAFKA_TIMEOUT)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> liveBrokers(admin).size() == 3 && underReplicated(admin) == 0);
        assertThat(readAll(bootstrap, topic)).containsExactlyInAnyOrderElementsOf(all);

        String status = cli("cluster", "status", "--dir", dir.toString());
        for (int id : restarted.keySet()) {
          assertThat(status)
              .containsPattern(
                  Pattern.compile(
                      "(?m)^broker-"
                          + id
                          + " +"
                          + restarted.get(id)
                          + " +RUNNING +"
                          + (basePort + id - 1)
                          + " client, "
                          + (basePort + id - 1 + CONTROLLER_PORT_OFFSET)
                          + " controller +"
                          + Pattern.quote(dir.resolve("broker-" + id + ".log").toString())
                          + "$"));
        }
        assertThat(status)
            .containsPattern(
                "(?m)^Kafka: 3 of 3 brokers live; \\d+ partitions, 0 under-replicated, 0 offline$");
        System.out.print("ClusterModeIT: cluster status\n" + status);
      }

      Map<Integer, Long> running = pids();
      String down = cli("cluster", "down", "--dir", dir.toString());
      for (Map.Entry<Integer, Long> e : running.entrySet()) {
        assertThat(down)
            .contains("Stopped broker-" + e.getKey() + " (pid " + e.getValue() + ") in");
        // Exited when down returns; gone once the init process has reaped it.
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> ProcessHandle.of(e.getValue()).filter(ProcessHandle::isAlive).isEmpty());
      }
      assertThat(pids()).isEmpty();
      assertThat(cli("cluster", "down", "--dir", dir.toString()))
          .isEqualTo(
              "taskmanager-1 was not running\ntaskmanager-2 was not running\n"
                  + "jobmanager was not running\nzookeeper was not running\n"
                  + "broker-1 was not running\nbroker-2 was not running\nbroker-3 was not running\n");
    } finally {
      // Whatever failed above, no broker outlives the test.
      FreshetProcess.runToCompletion(COMMAND_TIMEOUT, "cluster", "down", "--dir", dir.toString());
    }
  }

  private static String cli(String... args) throws Exception {
    return FreshetProcess.runToCompletion(COMMAND_TIMEOUT, args);
  }

  /** Node id to pid, from the pid files the cluster keeps. */
  private Map<Integer, Long> pids() throws IOException {
    Map<Integer, Long> pids = new TreeMap<>();
    for (int id = 1; id <= BROKERS; id++) {
      Path file = dir.resolve("broker-" + id + ".pid");
      if (Files.exists(file)) {
        pids.put(id, Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()));
      }
    }
    return pids;
  }

  private static List<String> values(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  private static void produce(String bootstrap, String topic, List<String> values)
      throws Exception {
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      List<Future<?>> sent = new ArrayList<>();
      for (String value : values) {
        sent.add(producer.send(new ProducerRecord<>(topic, value, value)));
      }
      for (Future<?> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            120_000),
        new StringSerializer(),
        new StringSerializer());
  }

  /** Every value in the topic, from the beginning to its current end. */
  private static List<String> readAll(String bootstrap, String topic) {
    List<String> values = new ArrayList<>();
    try (TopicReader reader = TopicReader.committed(bootstrap, topic)) {
      reader.readToEnd(
          (record, receivedAt) -> values.add(new String(record.value(), StandardCharsets.UTF_8)),
          KAFKA_TIMEOUT);
    }
    return values;
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private static Set<Integer> liveBrokers(Admin admin) throws Exception {
    return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
        .map(Node::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, TopicDescription> describe(Admin admin, Collection<String> topics)
      throws Exception {
    return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
  }

  private static TopicPartitionInfo partitionZero(Admin admin, String topic) throws Exception {
    return describe(admin, List.of(topic)).get(topic).partitions().get(0);
  }

  private static long underReplicated(Admin admin) throws Exception {
    Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    return describe(admin, topics).values().stream()
        .flatMap(t -> t.partitions().stream())
        .filter(p -> p.isr().size() < p.replicas().size())
        .count();
  }

  private static List<String> names(List<TopicDescriptor<?, ?>> descriptors) {
    return descriptors.stream().map(TopicDescriptor::name).toList();
  }

  /**
   * A base port whose three client and three controller ports are free, below the ephemeral range
   * and away from the defaults other tests and a developer's own cluster use.
   */
}
