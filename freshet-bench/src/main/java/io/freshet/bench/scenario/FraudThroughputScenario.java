package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.Figures;
import io.freshet.bench.harness.BenchJob;
import io.freshet.bench.harness.HeapSampler;
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
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;

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
    int customers = context.options().customers().orElse(customersFor(events));
    // --span-days D: the backlog covers D days of event time, each customer's transactions
    // spread evenly over it (20 per customer over 30 days: one every 36 hours).
    Duration gap =
        context.options().spanDays().isPresent()
            ? Duration.ofMillis(
                Math.max(
                    1,
                    (long)
                        ((double)
                                Duration.ofDays(context.options().spanDays().getAsInt()).toMillis()
                            * customers
                            / events)))
            : TransactionBacklog.DEFAULT_CUSTOMER_GAP;
    TransactionBacklog backlog = TransactionBacklog.of(context, events, customers, gap);
    // Both backends on the same backlog: the state layout decides which one scales.
    Map<StateBackendKind, Measured> runs = new EnumMap<>(StateBackendKind.class);
    FraudOutputCheck.Checked checked = null;
    List<StateBackendKind> backends =
        context.options().onlyStateBackend()
            ? List.of(context.options().stateBackend())
            : List.of(StateBackendKind.values());
    for (StateBackendKind backend : backends) {
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
            .parameter("customer_gap_minutes", gap.toMinutes())
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
            "alerts",
            "checkpoints",
            "checkpoint ms p50 / max",
            "checkpointed MB mean",
            "state B/customer",
            "heap after GC max");
    for (Map.Entry<StateBackendKind, Measured> run : runs.entrySet()) {
      Measured m = run.getValue();
      String backend = run.getKey().label();
      result.figure(Figures.THROUGHPUT + "." + backend, m.rate());
      Checkpoints c = m.checkpoints();
      result
          .figure("checkpoints." + backend, c.completed())
          .figure("checkpoints_failed." + backend, c.failed())
          .figure("checkpoint_ms_p50." + backend, c.durationP50Millis())
          .figure("checkpoint_ms_max." + backend, c.durationMaxMillis())
          .figure("checkpointed_bytes_mean." + backend, c.checkpointedMeanBytes())
          .figure("state_bytes_max." + backend, c.maxStateBytes())
          .figure("state_bytes_per_customer." + backend, (double) c.maxStateBytes() / customers)
          .figure("heap_after_gc_max_bytes." + backend, m.heapAfterGcMax());
      table.row(
          backend + (run.getKey() == chosen ? " (default)" : ""),
          Format.count(events),
          Format.seconds(m.seconds()),
          Format.count(m.rate()),
          Format.ratio(kafka.map(k -> m.rate() / k)),
          Format.ratio(flink.map(f -> m.rate() / f)),
          Format.count(checked.decisions()),
          Format.count(alerts),
          c.completed() + (c.failed() > 0 ? " (" + c.failed() + " failed)" : ""),
          c.durationP50Millis() + " / " + c.durationMaxMillis(),
          String.format("%.1f", c.checkpointedMeanBytes() / 1e6),
          String.format("%.0f", (double) c.maxStateBytes() / customers),
          (m.heapAfterGcMax() >> 20) + " MiB");
    }
    return result
        .table(table.build())
        .note(
            "clock: job submission until the job finished and no output transaction was open;"
                + " decisions and alerts of every run checked exactly against a plain-Java replay"
                + " of the rules")
        .note("serving-store sinks replaced by discarding sinks; Kafka outputs exactly once")
        .note(
            "checkpoints: every completed periodic checkpoint of the run (1 s interval); checkpointed"
                + " = bytes uploaded by a checkpoint (incremental on RocksDB, all state on the heap);"
                + " state B/customer = the largest full state size of a completed checkpoint (the"
                + " state once every customer has its history; the last checkpoints of a bounded"
                + " run see finished tasks) / customers, including the sources' and sinks' few KB;"
                + " the failed ones are mostly declined at the end of the input (task closing)")
        .note(
            "heap after GC max: the bench JVM's heap (it runs the TaskManager) right after its"
                + " fullest collection during the run: what the TaskManager heap had to hold, at"
                + " most; noisy, since collections come when G1 decides")
        .build();
  }

  /** What the periodic checkpoints of one run cost. */
  record Checkpoints(
      long completed,
      long failed,
      long durationP50Millis,
      long durationMaxMillis,
      double checkpointedMeanBytes,
      long maxStateBytes) {
    static Checkpoints of(CheckpointStatsSnapshot stats) {
      var summary = stats.getSummaryStats();
      return new Checkpoints(
          stats.getCounts().getNumberOfCompletedCheckpoints(),
          stats.getCounts().getNumberOfFailedCheckpoints(),
          Math.round(summary.getEndToEndDurationStats().getQuantile(0.5)),
          summary.getEndToEndDurationStats().getMaximum(),
          summary.getCheckpointedSize().getAverage(),
          summary.getStateSizeStats().getMaximum());
    }
  }

  /**
   * How long a catch-up on {@code events} may take before the run fails: an hour, or longer for a
   * backlog that needs it above 1,000 ev/s (20,000,000 transactions at a million customers took
   * more than an hour at ≈ 5,000 ev/s, and a fixed hour failed that run).
   */
  static Duration limitFor(long events) {
    return Duration.ofSeconds(Math.max(3_600, events / 1_000));
  }

  /** One timed catch-up run of the fraud job on {@code backlog}, and the naming it wrote under. */
  record Measured(
      TopicNaming naming,
      double seconds,
      long events,
      Checkpoints checkpoints,
      long heapAfterGcMax) {
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
    JobRun[] run = new JobRun[1];
    double seconds;
    try (HeapSampler heap = new HeapSampler()) {
      seconds =
          context.timed(
              runName,
              () -> {
                run[0] = context.flink().submit(job);
                long finished = run[0].awaitFinished(limitFor(backlog.loaded().records()));
                long visible =
                    OutputVisibility.awaitNoOpenTransactions(
                        context.kafka().admin(), outputs, Duration.ofMinutes(5));
                return (Math.max(finished, visible) - run[0].submittedNanos()) / 1e9;
              });
      return new Measured(
          fraud.context().naming(),
          seconds,
          backlog.loaded().records(),
          Checkpoints.of(run[0].checkpointStats()),
          heap.maxAfterGc());
    }
  }
}
