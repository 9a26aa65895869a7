package io.freshet.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.scenario.FraudOutputCheck;
import io.freshet.bench.scenario.FraudWorkloads;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudAlertCodec;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.TransactionDecisionCodec;
import io.freshet.it.FreshetProcess;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.flink.FlinkRest;
import io.freshet.testkit.fraud.GeneratedRecord;
import io.freshet.testkit.fraud.Instants;
import io.freshet.testkit.fraud.TransactionEnvelopeBuilder;
import io.freshet.testkit.fraud.TransactionStream;
import io.freshet.testkit.kafka.TestProducer;
import io.freshet.testkit.kafka.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Cluster mode end to end on real processes (three brokers, ZooKeeper, a JobManager, two
 * TaskManagers): {@code submit} the fraud job; {@code upgrade} it with a tighter velocity limit and
 * rescale it 2 → 4 → 2, each customer's history carried over; then {@code chaos}: a TaskManager,
 * the leading broker and the JobManager killed while a seeded workload flows, and the committed
 * output exactly the reference's; then {@code autoscale}: a load step scales the job up, calm
 * scales it down, and the output is still exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailuresIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration OUTPUT_DEADLINE = Duration.ofMinutes(2);
  private static final Duration CHAOS_TIMEOUT = Duration.ofMinutes(8);
  private static final String PREFIX = "upgrade-it.";
  private static final TopicNaming NAMING = TopicNaming.prefixed(PREFIX);
  private static final long AUTOSCALE_EVENTS = 150_000;

  /** Four transactions each, 10 s apart from here: within the velocity rule's 120 s window. */
  private static final Instant HISTORY_START = Instants.T0;

  /** Under target, not a temporary directory: the processes' logs outlive a failed run. */
  private static final Path dir = Path.of("target", "cluster-failures-it").toAbsolutePath();

  private ClusterPorts ports;

  @BeforeAll
  void clusterUp() throws Exception {
    deleteRecursively(dir);
    ports = ClusterPorts.free();
    String up = cli(ports.upArgs(dir));
    assertThat(up)
        .contains("zookeeper", "jobmanager", "taskmanager-1", "taskmanager-2")
        .contains("Flink: http://localhost:" + ports.flinkPort() + ", no jobs");
  }

  @AfterAll
  void clusterDown() throws Exception {
    FreshetProcess.runToCompletion(COMMAND_TIMEOUT, "cluster", "down", "--dir", dir.toString());
  }

  @Test
  @Order(1)
  void anUpgradeKeepsEachCustomersHistoryThroughANewThresholdAndRescales() throws Exception {
    // Given the fraud job at parallelism 2 with the default velocity limit (more than 5 in 120 s)
    String submitted =
        cli(
            "submit",
            "fraud",
            "--bootstrap-servers",
            ports.bootstrapServers(),
            "--jobmanager",
            ports.jobManager(),
            "--topic-prefix",
            PREFIX);
    assertThat(submitted).containsPattern("upgrade-it.fraud-detection RUNNING as job [0-9a-f]{32}");
    // and four transactions each of customers a and b: no alert under that limit
    for (int i = 0; i < 4; i++) {
      send("a-" + i, "cust-a", HISTORY_START.plusSeconds(10L * i));
      send("b-" + i, "cust-b", HISTORY_START.plusSeconds(10L * i + 1));
    }
    try (TopicReader decisions = reader(FraudTopics.TRANSACTION_DECISIONS)) {
      assertThat(decisions.awaitCount(8, OUTPUT_DEADLINE))
          .extracting(r -> decision(r.value()).decision().name())
          .containsOnly("APPROVE");
    }

    // When the job is upgraded to a limit of 3 at parallelism 4
    String first = upgrade("4");
    // Then it runs at 4, from the savepoint of the job at 2
    assertThat(first)
        .containsPattern("\\(parallelism 2\\) -> job [0-9a-f]{32} \\(parallelism 4\\)");
    // and customer a's fifth transaction alerts at once: its four from before count
    send("a-4", "cust-a", HISTORY_START.plusSeconds(45));
    FraudAlert alertA = awaitAlert(1).get(0);
    assertThat(alertA.customerId()).isEqualTo("cust-a");
    assertThat(alertA.rule()).isEqualTo(FraudRule.VELOCITY);

    // When it is scaled back to 2, the limit kept
    String second = upgrade("2");
    assertThat(second)
        .containsPattern("\\(parallelism 4\\) -> job [0-9a-f]{32} \\(parallelism 2\\)");
    // Then customer b's fifth alerts too: its history survived both rescales
    send("b-4", "cust-b", HISTORY_START.plusSeconds(46));
    List<FraudAlert> alerts = awaitAlert(2);
    assertThat(alerts).extracting(FraudAlert::customerId).containsExactly("cust-a", "cust-b");
    assertThat(alerts).extracting(FraudAlert::rule).containsOnly(FraudRule.VELOCITY);
    try (TopicReader decisions = reader(FraudTopics.TRANSACTION_DECISIONS)) {
      assertThat(decisions.awaitCount(10, OUTPUT_DEADLINE))
          .extracting(r -> decision(r.value()).transactionId())
          .as("one decision per transaction, none twice across the two upgrades")
          .doesNotHaveDuplicates()
          .hasSize(10);
    }
    System.out.print("ClusterFailuresIT upgrades:\n" + first + second);
    // Its slots go back to the cluster for the next test.
    FlinkRest rest = FlinkRest.of(ports.jobManager());
    rest.cancel(rest.activeJob(PREFIX + "fraud-detection").orElseThrow().id());
  }

  @Test
  @Order(2)
  void theChaosDrillRecoversFromThreeKillsWithExactlyTheExpectedOutput() throws Exception {
    String report =
        FreshetProcess.runToCompletion(
            CHAOS_TIMEOUT, "chaos", "--dir", dir.toString(), "--events", "40000", "--rate", "300");
    System.out.print("ClusterFailuresIT chaos:\n" + report);
    assertThat(report)
        .containsPattern("(?m)^kill -9 a TaskManager +taskmanager-\\d ")
        .containsPattern(
            "(?m)^kill -9 the broker leading the most transactions partitions +broker-\\d ")
        .containsPattern("(?m)^kill -9 the JobManager +jobmanager ")
        .containsPattern(
            "Exact: 40,000 committed decisions and [\\d,]+ alerts, equal to the reference; none"
                + " lost, none twice; 0 decisions aborted after the last recovery");
    Matcher recovery =
        Pattern.compile("(?m)^kill -9 .* (\\d+\\.\\d) +(\\d+\\.\\d) +\\d+ +\\d+$").matcher(report);
    int rows = 0;
    while (recovery.find()) {
      rows++;
      assertThat(Double.parseDouble(recovery.group(2)))
          .as("kill to new committed output, s")
          .isLessThan(180);
    }
    assertThat(rows).isEqualTo(3);
  }

  @Test
  @Order(3)
  void aLoadStepScalesTheJobUpAndCalmScalesItDownWithTheOutputExact() throws Exception {
    String prefix = "autoscale-it.";
    // Given the fraud job at parallelism 1 and the autoscaler watching its lag, on a short clock
    cli(
        "submit",
        "fraud",
        "--bootstrap-servers",
        ports.bootstrapServers(),
        "--jobmanager",
        ports.jobManager(),
        "--topic-prefix",
        prefix,
        "--parallelism",
        "1");
    Path log = dir.resolve("autoscale.log");
    Process autoscale =
        FreshetProcess.start(
            log,
            "autoscale",
            "fraud",
            "--jobmanager",
            ports.jobManager(),
            "--bootstrap-servers",
            ports.bootstrapServers(),
            "--topic-prefix",
            prefix,
            "--lag-threshold",
            "3000",
            "--up-after",
            "6s",
            "--down-after",
            "20s",
            "--cooldown",
            "10s",
            "--interval",
            "2s",
            "--for",
            "8m");
    TopicNaming naming = TopicNaming.prefixed(prefix);
    TransactionStream stream = FraudWorkloads.stream(7, AUTOSCALE_EVENTS, 5_000);
    try {
      // When a load step arrives: the whole workload at once
      try (KafkaProducer<byte[], byte[]> producer = TestProducer.create(ports.bootstrapServers())) {
        for (GeneratedRecord record : stream) {
          producer.send(
              new ProducerRecord<>(
                  naming.name(FraudTopics.TRANSACTIONS),
                  TestProducer.utf8(record.key()),
                  record.value()));
        }
        producer.flush();
      }
      // Then the autoscaler scales the job up, and once the backlog is gone and calm, down
      Pattern rescale = Pattern.compile("RESCALE (\\d+) -> (\\d+) .*\\(took (\\d+\\.\\d) s\\)");
      await()
          .atMost(Duration.ofMinutes(6))
          .pollInterval(Duration.ofSeconds(1))
          .conditionEvaluationListener(
              condition -> {
                if (condition.getRemainingTimeInMS() <= 1_000) {
                  System.out.print("ClusterFailuresIT autoscale so far:\n" + readQuietly(log));
                }
              })
          .until(
              () -> {
                assertThat(autoscale.isAlive())
                    .as("autoscale runs; its log:\n%s", Files.readString(log))
                    .isTrue();
                Matcher m = rescale.matcher(Files.readString(log));
                boolean up = false;
                boolean downAfterUp = false;
                while (m.find()) {
                  int from = Integer.parseInt(m.group(1));
                  int to = Integer.parseInt(m.group(2));
                  up |= to > from;
                  downAfterUp |= up && to < from;
                }
                return downAfterUp;
              });
      System.out.print("ClusterFailuresIT autoscale:\n" + Files.readString(log));
      // and every transaction still has exactly the reference's decision, and its alerts
      try (BenchKafka kafka = BenchKafka.external(ports.bootstrapServers(), "autoscale-it")) {
        await()
            .atMost(OUTPUT_DEADLINE)
            .until(
                () ->
                    committedCount(naming.name(FraudTopics.TRANSACTION_DECISIONS))
                        >= AUTOSCALE_EVENTS);
        FraudOutputCheck.Checked checked = FraudOutputCheck.verify(kafka, naming, stream);
        assertThat(checked.decisions()).isEqualTo(AUTOSCALE_EVENTS);
      }
    } finally {
      autoscale.destroy();
      autoscale.waitFor(30, TimeUnit.SECONDS);
      FlinkRest rest = FlinkRest.of(ports.jobManager());
      rest.activeJob(prefix + "fraud-detection").ifPresent(job -> cancel(rest, job.id()));
    }
  }

  private static void deleteRecursively(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private long committedCount(String topic) {
    try (TopicReader reader = TopicReader.committed(ports.bootstrapServers(), topic)) {
      return reader.countToEnd(Duration.ofMinutes(1));
    }
  }

  private static void cancel(FlinkRest rest, String jobId) {
    try {
      rest.cancel(jobId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while cancelling " + jobId, e);
    }
  }

  private String upgrade(String parallelism) throws Exception {
    return cli(
        "upgrade",
        "fraud",
        "--bootstrap-servers",
        ports.bootstrapServers(),
        "--jobmanager",
        ports.jobManager(),
        "--topic-prefix",
        PREFIX,
        "--velocity-max-count",
        "3",
        "--parallelism",
        parallelism);
  }

  private void send(String transactionId, String customer, Instant at) throws Exception {
    TransactionEnvelopeBuilder txn =
        TransactionEnvelopeBuilder.transaction(transactionId, customer, at);
    try (KafkaProducer<byte[], byte[]> producer = TestProducer.create(ports.bootstrapServers())) {
      producer
          .send(
              new ProducerRecord<>(
                  NAMING.name(FraudTopics.TRANSACTIONS), TestProducer.utf8(txn.key()), txn.bytes()))
          .get(60, TimeUnit.SECONDS);
    }
  }

  private List<FraudAlert> awaitAlert(int count) {
    try (TopicReader alerts = reader(FraudTopics.FRAUD_ALERTS)) {
      return alerts.awaitCount(count, OUTPUT_DEADLINE).stream()
          .map(r -> new FraudAlertCodec().decode(r.value()))
          .toList();
    }
  }

  private TopicReader reader(io.freshet.pipelines.topic.TopicDescriptor<?, ?> topic) {
    return TopicReader.committed(ports.bootstrapServers(), NAMING.name(topic));
  }

  private static TransactionDecision decision(byte[] value) {
    return new TransactionDecisionCodec().decode(value);
  }

  private static String cli(String... args) throws Exception {
    return FreshetProcess.runToCompletion(COMMAND_TIMEOUT, args);
  }
}
