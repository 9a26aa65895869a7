package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.Figures;
import io.freshet.bench.harness.BenchJob;
import io.freshet.bench.harness.JobRun;
import io.freshet.bench.harness.OutputVisibility;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.core.fraud.FraudRule;
import io.freshet.pipelines.fraud.FraudPipeline;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.flink.StateBackendKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
    // Both backends on the same backlog: the state layout decides which one scales.
    Map<StateBackendKind, Measured> runs = new EnumMap<>(StateBackendKind.class);
    FraudOutputCheck.Checked checked = null;
    for (StateBackendKind backend : StateBackendKind.values()) {
      Measured measured =
          measure(context, backlog, name() + "-" + backend.name().toLowerCase(), backend);
      checked = FraudOutputCheck.verify(context.kafka(), measured.naming(), backlog.workload());
      runs.put(backend, measured);
    }
    StateBackendKind chosen = context.options().stateBackend();
    double rate = runs.get(chosen).rate();
    Optional<Double> kafka = context.baseline("kafka-limit", Figures.PRODUCE_CONSUME_RATE);
    Optional<Double> flink = context.baseline("flink-passthrough", Figures.THROUGHPUT);
    long alerts = checked.alerts().values().stream().mapToLong(Long::longValue).sum();
    ScenarioResult.Builder result =
        new ScenarioResult.Builder(name(), context.options().quick())
            .parameter("events", events)
            .parameter("customers", customers)
            .parameter("mean_record_bytes", backlog.loaded().meanValueBytes())
            .parameter("parallelism", BenchContext.PARALLELISM)
            .parameter("checkpoint_interval_ms", BenchJob.DEFAULT_CHECKPOINT_INTERVAL.toMillis())
            .parameter("state_backend", chosen.label())
            .figure(Figures.THROUGHPUT, rate)
            .figure("seconds", runs.get(chosen).seconds())
            .figure("decisions", checked.decisions())
            .figure("alerts", alerts);
    kafka.ifPresent(k -> result.figure(Figures.RATIO_KAFKA, rate / k));
    flink.ifPresent(f -> result.figure(Figures.RATIO_PASSTHROUGH, rate / f));
    for (FraudRule rule : FraudRule.values()) {
      result.figure("alerts_" + rule.name().toLowerCase(), checked.alerts().getOrDefault(rule, 0L));
    }
    ResultTable.Builder table =
        ResultTable.titled(
            "fraud-throughput",
            "state backend",
            "events",
            "seconds",
            "events/s",
            "vs kafka-limit (produce+consume)",
            "vs flink-passthrough",
            "decisions",
            "alerts");
    for (Map.Entry<StateBackendKind, Measured> run : runs.entrySet()) {
      Measured m = run.getValue();
      String backend = run.getKey().label();
      result.figure(Figures.THROUGHPUT + "." + backend, m.rate());
      table.row(
          backend + (run.getKey() == chosen ? " (default)" : ""),
          Format.count(events),
          Format.seconds(m.seconds()),
          Format.count(m.rate()),
          Format.ratio(kafka.map(k -> m.rate() / k)),
          Format.ratio(flink.map(f -> m.rate() / f)),
          Format.count(checked.decisions()),
          Format.count(alerts));
    }
    return result
        .table(table.build())
        .note(
            "clock: job submission until the job finished and no output transaction was open;"
                + " decisions and alerts of every run checked exactly against a plain-Java replay"
                + " of the rules")
        .note("serving-store sinks replaced by discarding sinks; Kafka outputs exactly once")
        .build();
  }

  /** One timed catch-up run of the fraud job on {@code backlog}, and the naming it wrote under. */
  record Measured(TopicNaming naming, double seconds, long events) {
    double rate() {
      return events / seconds;
    }
  }

  /**
   * Runs the production fraud wiring to the end of {@code backlog}; it writes under the backlog's
   * naming with output version {@code runName}, so runs on one backlog keep separate outputs.
   */
  static Measured measure(
      BenchContext context, TransactionBacklog backlog, String runName, StateBackendKind backend)
      throws Exception {
    BenchPipeline fraud =
        BenchPipeline.catchUp(
            new FraudPipeline(), context.kafka(), backlog.naming().withOutputVersion(runName));
    List<String> outputs = fraud.createOutputs(context.kafka());
    BenchJob job = context.job(runName, fraud::wireInto).withStateBackend(backend);
    double seconds =
        context.timed(
            runName,
            () -> {
              JobRun run = context.flink().submit(job);
              long finished = run.awaitFinished(Duration.ofHours(1));
              long visible =
                  OutputVisibility.awaitNoOpenTransactions(
                      context.kafka().admin(), outputs, Duration.ofMinutes(5));
              return (Math.max(finished, visible) - run.submittedNanos()) / 1e9;
            });
    return new Measured(fraud.context().naming(), seconds, backlog.loaded().records());
  }
}
