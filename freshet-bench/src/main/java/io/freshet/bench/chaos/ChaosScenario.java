package io.freshet.bench.chaos;

import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.OutputVisibility;
import io.freshet.bench.scenario.FraudOutputCheck;
import io.freshet.bench.scenario.FraudWorkloads;
import io.freshet.pipelines.fraud.FraudKafkaIo;
import io.freshet.pipelines.fraud.FraudPipeline;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.cluster.ClusterException;
import io.freshet.runtime.cluster.FlinkDistribution;
import io.freshet.runtime.cluster.KafkaNode;
import io.freshet.runtime.cluster.LocalCluster;
import io.freshet.runtime.cluster.ManagedProcess;
import io.freshet.runtime.flink.FlinkRest;
import io.freshet.runtime.submit.JobArgs;
import io.freshet.runtime.submit.PipelineSubmitter;
import io.freshet.testkit.fraud.TransactionStream;
import io.freshet.testkit.kafka.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The cluster's failure drill: while a seeded fraud workload with a known result flows at a steady
 * rate through the fraud job on a local cluster, {@code kill -9} one TaskManager, then the broker
 * leading the most input partitions, then the JobManager, each started again at once as a
 * supervisor would; after each, waits for the job to commit new output by itself; at the end checks
 * that the committed decisions and alerts are exactly the reference's: nothing lost, nothing twice.
 */
public final class ChaosScenario {
  private static final Duration UP_DEADLINE = Duration.ofMinutes(3);
  private static final Duration RECOVERY_DEADLINE = Duration.ofMinutes(3);
  private static final long POLL_MILLIS = 100;

  private final LocalCluster cluster;
  private final FlinkDistribution dist;
  private final Consumer<String> progress;

  public ChaosScenario(LocalCluster cluster, FlinkDistribution dist, Consumer<String> progress) {
    this.cluster = cluster;
    this.dist = dist;
    this.progress = progress;
  }

  /**
   * What to run.
   *
   * @param events transactions in the workload
   * @param customers customers they are spread over
   * @param rate transactions per second produced
   * @param seed the workload's seed
   * @param checkpointInterval the job's checkpoint interval
   * @param parallelism the job's parallelism
   */
  public record Options(
      long events,
      int customers,
      double rate,
      long seed,
      Duration checkpointInterval,
      int parallelism) {

    public Options {
      if (events < 1_000) {
        throw new IllegalArgumentException("--events must be at least 1000, got " + events);
      }
      if (customers < 1) {
        throw new IllegalArgumentException("--customers must be at least 1, got " + customers);
      }
      if (!(rate > 0)) {
        throw new IllegalArgumentException("--rate must be positive, got " + rate);
      }
    }
  }

  /**
   * Runs the drill.
   *
   * @throws io.freshet.bench.IncompleteResultsException when the output is not exactly the
   *     reference's
   */
  public ChaosReport run(Options options) throws Exception {
    progress.accept("Making sure every process of the cluster runs");
    cluster.up(List.of(), UP_DEADLINE, progress);
    String runId = UUID.randomUUID().toString().substring(0, 8);
    TopicNaming naming = TopicNaming.prefixed("chaos-" + runId + ".");
    FreshetPipeline fraud = new FraudPipeline();
    String inputTopic = naming.name(FraudTopics.TRANSACTIONS);
    String decisionTopic = naming.name(FraudTopics.TRANSACTION_DECISIONS);
    FlinkRest rest = cluster.flinkNodes().rest();
    try (BenchKafka kafka = BenchKafka.external(cluster.layout().bootstrapServers(), runId)) {
      for (TopicDescriptor<?, ?> topic : fraud.topics()) {
        kafka.createTopic(naming.resolve(topic));
      }
      progress.accept("Topics under " + naming.prefix() + " created; submitting " + fraud.name());
      JobArgs args =
          new JobArgs(
              fraud.name(),
              cluster.layout().bootstrapServers(),
              Map.of(),
              Optional.of(naming.prefix()),
              Optional.empty(),
              Optional.of(options.checkpointInterval()),
              List.of());
      String jobId =
          new PipelineSubmitter(rest, dist.existingJobJar())
              .submit(
                  List.of(
                      new PipelineSubmitter.JobRequest(
                          args.jobName(),
                          args.toList(),
                          OptionalInt.of(options.parallelism()),
                          Optional.empty())),
                  UP_DEADLINE,
                  progress)
              .get(0)
              .jobId();
      TransactionStream stream =
          FraudWorkloads.stream(options.seed(), options.events(), options.customers());
      List<ChaosReport.FailureResult> results = new ArrayList<>();
      List<Map<TopicPartition, Long>> recovered = new ArrayList<>();
      long began = System.nanoTime();
      try (CommittedOutputWatch watch = new CommittedOutputWatch(kafka, decisionTopic);
          LagSampler lag =
              new LagSampler(kafka.admin(), naming.id(FraudKafkaIo.GROUP_ID), inputTopic);
          SteadyInput input = new SteadyInput(kafka, inputTopic, stream, options.rate());
          TopicReader written = kafka.uncommittedReader(List.of(decisionTopic))) {
        watch.start();
        lag.start();
        input.start();
        for (ChaosFailure failure : ChaosFailure.values()) {
          // Steady first: output committed by the job as it runs now, after any earlier recovery.
          long before = watch.committed();
          long steady = Math.max(1, (long) (options.rate() * 3));
          await(
              () -> watch.committed() >= before + steady,
              RECOVERY_DEADLINE,
              "committed output to grow by " + steady + " before " + failure.description(),
              input);
          if (input.finished()) {
            throw new IllegalStateException(
                "the input ended before the drill could "
                    + failure.description()
                    + "; give more --events or a lower --rate");
          }
          Victim victim = victim(failure, kafka.admin(), rest, jobId, inputTopic);
          watch.markFrom(written.endOffsets());
          lag.takePeak();
          progress.accept(failure.description() + ": " + victim.detail());
          long killed = System.nanoTime();
          long pid = victim.process().kill();
          cluster.up(List.of(), UP_DEADLINE, line -> {});
          long restarted = System.nanoTime();
          progress.accept(
              "  "
                  + victim.process().name()
                  + " (pid "
                  + pid
                  + ") killed and started again in "
                  + seconds(restarted - killed)
                  + " s; waiting for new committed output");
          await(
              () -> watch.firstAfterMarkNanos() != 0,
              RECOVERY_DEADLINE,
              "new committed output after " + failure.description(),
              input);
          recovered.add(written.endOffsets());
          double recovery = seconds(watch.firstAfterMarkNanos() - killed);
          results.add(
              new ChaosReport.FailureResult(
                  failure,
                  victim.process().name(),
                  victim.detail(),
                  seconds(restarted - killed),
                  recovery,
                  0,
                  lag.takePeak()));
          progress.accept("  new committed output " + recovery + " s after the kill");
        }
        progress.accept("All failures injected; waiting for the rest of the input and output");
        await(input::finished, inputDeadline(options), "the whole input to be produced", input);
        await(
            () -> watch.committed() >= options.events(),
            RECOVERY_DEADLINE,
            "a committed decision for every one of the " + options.events() + " transactions",
            input);
      }
      OutputVisibility.awaitNoOpenTransactions(
          kafka.admin(),
          List.of(decisionTopic, naming.name(FraudTopics.FRAUD_ALERTS)),
          Duration.ofMinutes(5));
      double seconds = seconds(System.nanoTime() - began);
      FraudOutputCheck.Checked checked = FraudOutputCheck.verify(kafka, naming, stream);
      List<Long> aborted = abortedBetween(kafka, decisionTopic, recovered);
      List<ChaosReport.FailureResult> withAborted = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        withAborted.add(results.get(i).withAborted(aborted.get(i)));
      }
      rest.cancel(jobId);
      return new ChaosReport(
          options,
          naming.prefix(),
          jobId,
          withAborted,
          aborted.get(aborted.size() - 1),
          checked.decisions(),
          checked.alerts().values().stream().mapToLong(Long::longValue).sum(),
          seconds);
    }
  }

  /** The process a failure kills, and why that one. */
  private record Victim(ManagedProcess process, String detail) {}

  private Victim victim(
      ChaosFailure failure, Admin admin, FlinkRest rest, String jobId, String inputTopic)
      throws Exception {
    return switch (failure) {
      case TASK_MANAGER -> {
        List<String> hosts = rest.taskManagersOf(jobId);
        String name = hosts.isEmpty() ? "taskmanager-1" : hosts.get(0);
        ManagedProcess tm =
            cluster.flinkNodes().taskManagers().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ClusterException("no TaskManager named " + name));
        yield new Victim(tm, name + " runs tasks of the job (hosts: " + hosts + ")");
      }
      case LEADING_BROKER -> leadingBroker(admin, inputTopic);
      case JOB_MANAGER ->
          new Victim(cluster.flinkNodes().jobManager(), "the only JobManager, HA on ZooKeeper");
    };
  }

  private Victim leadingBroker(Admin admin, String inputTopic) throws Exception {
    TopicDescription topic =
        admin
            .describeTopics(List.of(inputTopic))
            .allTopicNames()
            .get(30, TimeUnit.SECONDS)
            .get(inputTopic);
    Map<Integer, Integer> leads = new HashMap<>();
    for (TopicPartitionInfo p : topic.partitions()) {
      if (p.leader() != null) {
        leads.merge(p.leader().id(), 1, Integer::sum);
      }
    }
    int quorumLeader =
        admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
    // The most leaderships; among equals the quorum's leader, so one kill strikes both if it can.
    int chosen =
        leads.entrySet().stream()
            .max(
                (a, b) ->
                    a.getValue().equals(b.getValue())
                        ? Boolean.compare(a.getKey() == quorumLeader, b.getKey() == quorumLeader)
                        : Integer.compare(a.getValue(), b.getValue()))
            .map(Map.Entry::getKey)
            .orElseThrow(() -> new ClusterException(inputTopic + " has no partition leader"));
    KafkaNode node =
        cluster.kafkaNodes().stream()
            .filter(n -> n.broker().nodeId() == chosen)
            .findFirst()
            .orElseThrow(() -> new ClusterException("no broker with node id " + chosen));
    return new Victim(
        node.process(),
        node.broker().name()
            + " leads "
            + leads.get(chosen)
            + " of "
            + topic.partitions().size()
            + " partitions of "
            + inputTopic
            + (chosen == quorumLeader ? " and is the active controller" : "")
            + " (active controller: node "
            + quorumLeader
            + ")");
  }

  /**
   * Decisions written but never committed (aborted, then decided again by the recovered job)
   * between consecutive recoveries: element i for failure i, the last one after the last recovery.
   */
  private static List<Long> abortedBetween(
      BenchKafka kafka, String topic, List<Map<TopicPartition, Long>> recovered) {
    long[] written = count(kafka.uncommittedReader(List.of(topic)), recovered);
    long[] committed = count(kafka.committedReader(List.of(topic)), recovered);
    List<Long> aborted = new ArrayList<>();
    for (int i = 0; i < written.length; i++) {
      aborted.add(written[i] - committed[i]);
    }
    return aborted;
  }

  private static long[] count(TopicReader reader, List<Map<TopicPartition, Long>> marks) {
    long[] counts = new long[marks.size() + 1];
    try (reader) {
      reader.readToEnd(
          (record, at) -> {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            int bucket = 0;
            while (bucket < marks.size()
                && record.offset() >= marks.get(bucket).getOrDefault(tp, Long.MAX_VALUE)) {
              bucket++;
            }
            counts[bucket]++;
          },
          Duration.ofMinutes(10));
    }
    return counts;
  }

  private static Duration inputDeadline(Options options) {
    return Duration.ofSeconds((long) (options.events() / options.rate()) + 120);
  }

  private static void await(
      BooleanSupplier condition, Duration deadline, String what, SteadyInput input)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      input.throwIfFailed();
      if (System.nanoTime() >= end) {
        throw new IllegalStateException(
            "Waited " + deadline.toSeconds() + " s in vain for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e8) / 10.0;
  }
}
