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
import io.freshet.runtime.flink.StateBackendKind;
import java.time.Duration;
import java.util.EnumMap;
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
      checked = FraudOutputCheck.verify(context.kafka(), measured.wiring(), backlog.workload());
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

  /** One timed catch-up run of the fraud job on {@code backlog}. */
  record Measured(FraudWiring wiring, double seconds, long events) {
    double rate() {
      return events / seconds;
    }
  }

  static Measured measure(
      BenchContext context, TransactionBacklog backlog, String runName, StateBackendKind backend)
      throws Exception {
    FraudWiring wiring = FraudWiring.create(context.kafka(), runName);
    BenchJob job =
        context
            .job(runName, wiring.job(context.kafka(), backlog.topic(), true)::wireInto)
            .withStateBackend(backend);
    double seconds =
        context.timed(
            runName,
            () -> {
              JobRun run = context.flink().submit(job);
              long finished = run.awaitFinished(Duration.ofHours(1));
              long visible =
                  OutputVisibility.awaitNoOpenTransactions(
                      context.kafka().admin(), wiring.outputTopics(), Duration.ofMinutes(5));
              return (Math.max(finished, visible) - run.submittedNanos()) / 1e9;
            });
    return new Measured(wiring, seconds, backlog.loaded().records());
  }
}
