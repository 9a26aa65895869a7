package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchRunner;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.Figures;
import io.freshet.bench.harness.BenchJob;
import io.freshet.bench.harness.JobRun;
import io.freshet.bench.harness.OutputVisibility;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.core.fraud.FraudRule;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code fraud-throughput}: the whole fraud pipeline (all rules, decisions and alerts through
 * exactly-once sinks) catching up on a pre-loaded backlog, until its last result is visible to
 * read_committed consumers.
 */
public final class FraudThroughputScenario implements BenchScenario {
  static final long FULL_EVENTS = 2_000_000;
  static final long QUICK_EVENTS = 20_000;

  /** 2,000,000 transactions over 100,000 customers: 20 per customer. */
  static int customersFor(long events) {
    return (int) Math.max(1, Math.min(100_000, events / 20));
  }

  @Override
  public String name() {
    return "fraud-throughput";
  }

  @Override
  public String description() {
    return "fraud pipeline on a pre-loaded backlog, decisions and alerts exactly once";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    long events = context.options().size(FULL_EVENTS, QUICK_EVENTS);
    int customers = customersFor(events);
    TransactionBacklog backlog = TransactionBacklog.of(context, events, customers);
    Measured measured = measure(context, backlog, name());
    FraudOutputCheck.Checked checked =
        FraudOutputCheck.verify(context.kafka(), measured.wiring(), backlog.workload());

    double rate = measured.rate();
    Optional<Double> vsKafka =
        context.baseline("kafka-limit", Figures.PRODUCE_CONSUME_RATE).map(k -> rate / k);
    Optional<Double> vsFlink =
        context.baseline("flink-passthrough", Figures.THROUGHPUT).map(f -> rate / f);
    ScenarioResult.Builder result =
        new ScenarioResult.Builder(name(), context.options().quick())
            .parameter("events", events)
            .parameter("customers", customers)
            .parameter("mean_record_bytes", backlog.loaded().meanValueBytes())
            .parameter("parallelism", BenchRunner.PARALLELISM)
            .parameter("checkpoint_interval_ms", BenchJob.DEFAULT_CHECKPOINT_INTERVAL.toMillis())
            .parameter("state_backend", context.options().stateBackend().flinkName())
            .figure(Figures.THROUGHPUT, rate)
            .figure("seconds", measured.seconds())
            .figure("decisions", checked.decisions())
            .figure("alerts", checked.alerts().values().stream().mapToLong(Long::longValue).sum());
    vsKafka.ifPresent(r -> result.figure(Figures.RATIO_KAFKA, r));
    vsFlink.ifPresent(r -> result.figure(Figures.RATIO_PASSTHROUGH, r));
    for (FraudRule rule : FraudRule.values()) {
      result.figure("alerts_" + rule.name().toLowerCase(), checked.alerts().getOrDefault(rule, 0L));
    }
    return result
        .table(
            ResultTable.titled(
                    "fraud-throughput",
                    "events",
                    "seconds",
                    "events/s",
                    "vs kafka-limit (produce+consume)",
                    "vs flink-passthrough",
                    "decisions",
                    "alerts")
                .row(
                    Format.count(events),
                    Format.seconds(measured.seconds()),
                    Format.count(rate),
                    Format.ratio(vsKafka),
                    Format.ratio(vsFlink),
                    Format.count(checked.decisions()),
                    Format.count(
                        checked.alerts().values().stream().mapToLong(Long::longValue).sum()))
                .build())
        .note(
            "clock: job submission until the job finished and no output transaction was open;"
                + " decisions and alerts checked exactly against a plain-Java replay of the rules")
        .note("serving-store sinks replaced by discarding sinks; Kafka outputs exactly once")
        .build();
  }

  /** One timed catch-up run of the fraud job on {@code backlog}. */
  record Measured(FraudWiring wiring, double seconds, long events) {
    double rate() {
      return events / seconds;
    }
  }

  static Measured measure(BenchContext context, TransactionBacklog backlog, String runName)
      throws Exception {
    FraudWiring wiring = FraudWiring.create(context.kafka(), runName);
    JobRun run =
        context
            .flink()
            .submit(
                BenchJob.of(runName, wiring.job(context.kafka(), backlog.topic(), true)::wireInto));
    long finished = run.awaitFinished(Duration.ofHours(1));
    long visible =
        OutputVisibility.awaitNoOpenTransactions(
            context.kafka().admin(), wiring.outputTopics(), Duration.ofMinutes(5));
    long end = Math.max(finished, visible);
    return new Measured(wiring, (end - run.submittedNanos()) / 1e9, backlog.loaded().records());
  }
}
