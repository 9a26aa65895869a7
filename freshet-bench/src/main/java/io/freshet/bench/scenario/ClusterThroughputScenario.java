package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.Figures;
import io.freshet.bench.harness.OutputVisibility;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.pipelines.fraud.FraudPipeline;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.cluster.FlinkDistribution;
import io.freshet.runtime.flink.FlinkRest;
import io.freshet.runtime.submit.JobArgs;
import io.freshet.runtime.submit.PipelineSubmitter;
import io.freshet.testkit.kafka.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code cluster-fraud-throughput}: the fraud job as the job jar on a Flink cluster ({@code
 * --jobmanager}), catching up on the same backlog {@code fraud-throughput} measures in the bench's
 * MiniCluster, until its last decision is visible to read_committed consumers; both figures side by
 * side in one run.
 */
public final class ClusterThroughputScenario implements BenchScenario {
  @Override
  public String name() {
    return "cluster-fraud-throughput";
  }

  @Override
  public String description() {
    return "fraud job jar on the Flink cluster at --jobmanager, on fraud-throughput's backlog";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    Optional<String> jobManager = context.options().jobManager();
    if (jobManager.isEmpty() || context.kafka().embeddedBroker().isPresent()) {
      return new ScenarioResult.Builder(name(), context.options().quick())
          .parameter("skipped", true)
          .note(
              "skipped: needs a Flink cluster (--jobmanager) and its Kafka (--bootstrap-servers),"
                  + " e.g. from `freshet cluster up`")
          .build();
    }
    long events =
        context
            .options()
            .size(FraudThroughputScenario.FULL_EVENTS, FraudThroughputScenario.QUICK_EVENTS);
    int customers =
        context.options().customers().orElse(FraudThroughputScenario.customersFor(events));
    TransactionBacklog backlog = TransactionBacklog.of(context, events, customers);
    TopicNaming naming = backlog.naming();
    FraudPipeline fraud = new FraudPipeline();
    for (TopicDescriptor<?, ?> topic : fraud.topics()) {
      if (!topic.name().equals(FraudTopics.TRANSACTIONS.name())) {
        context.kafka().createTopic(naming.resolve(topic));
      }
    }
    FlinkRest rest = FlinkRest.of(jobManager.get());
    JobArgs args =
        new JobArgs(
            fraud.name(),
            context.kafka().bootstrapServers(),
            Map.of(),
            Optional.of(naming.prefix()),
            Optional.empty(),
            Optional.empty(),
            List.of());
    String decisions = naming.name(FraudTopics.TRANSACTION_DECISIONS);
    long submitted = System.nanoTime();
    String jobId =
        new PipelineSubmitter(rest, FlinkDistribution.current().existingJobJar())
            .submit(
                List.of(
                    new PipelineSubmitter.JobRequest(
                        args.jobName(),
                        args.toList(),
                        OptionalInt.of(BenchContext.PARALLELISM),
                        Optional.empty())),
                Duration.ofMinutes(3),
                line -> {})
            .get(0)
            .jobId();
    double seconds;
    try (TopicReader reader = context.kafka().committedReader(List.of(decisions))) {
      long[] committed = {0};
      reader.readUntil(
          (record, at) -> committed[0]++,
          () -> committed[0] >= events,
          FraudThroughputScenario.limitFor(events));
      long visible =
          OutputVisibility.awaitNoOpenTransactions(
              context.kafka().admin(),
              List.of(decisions, naming.name(FraudTopics.FRAUD_ALERTS)),
              Duration.ofMinutes(5));
      seconds = (Math.max(System.nanoTime(), visible) - submitted) / 1e9;
    } finally {
      rest.cancel(jobId);
    }
    FraudOutputCheck.Checked checked =
        FraudOutputCheck.verify(context.kafka(), naming, backlog.workload());
    double rate = events / seconds;
    Optional<Double> mini = context.baseline("fraud-throughput", Figures.THROUGHPUT);
    long alerts = checked.alerts().values().stream().mapToLong(Long::longValue).sum();
    ScenarioResult.Builder result =
        new ScenarioResult.Builder(name(), context.options().quick())
            .parameter("events", events)
            .parameter("customers", customers)
            .parameter("parallelism", BenchContext.PARALLELISM)
            .parameter("jobmanager", jobManager.get())
            .figure(Figures.THROUGHPUT, rate)
            .figure("seconds", seconds)
            .figure("decisions", checked.decisions())
            .figure("alerts", alerts);
    mini.ifPresent(m -> result.figure("ratio_to_minicluster", rate / m));
    return result
        .table(
            ResultTable.titled(
                    "cluster-fraud-throughput",
                    "where",
                    "events",
                    "seconds",
                    "events/s",
                    "vs MiniCluster (fraud-throughput, same run)")
                .row(
                    "Flink cluster "
                        + jobManager.get()
                        + ", parallelism "
                        + BenchContext.PARALLELISM,
                    Format.count(events),
                    Format.seconds(seconds),
                    Format.count(rate),
                    Format.ratio(mini.map(m -> rate / m)))
                .build())
        .note(
            "clock: REST submission (jar upload included) until the last decision was committed"
                + " and no output transaction was open; decisions and alerts checked exactly"
                + " against the reference; the job reads the backlog fraud-throughput loaded, on"
                + " the same Kafka")
        .note(
            "the cluster's TaskManagers run on the same machine as its brokers and this bench;"
                + " RocksDB with incremental checkpoints as the cluster's config.yaml says")
        .build();
  }
}
