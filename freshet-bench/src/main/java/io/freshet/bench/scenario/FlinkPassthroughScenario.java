package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.Figures;
import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.JobRun;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.pipelines.fraud.FraudJobIo;
import java.time.Duration;

/**
 * {@code flink-passthrough}: Kafka source → envelope deserialization → keyBy → discard on the fraud
 * backlog; the engine's ceiling every pipeline figure is compared with.
 */
public final class FlinkPassthroughScenario implements BenchScenario {
  static final long FULL_EVENTS = 2_000_000;
  static final long QUICK_EVENTS = 20_000;

  @Override
  public String name() {
    return "flink-passthrough";
  }

  @Override
  public String description() {
    return "Kafka source, envelope parse, keyBy, discarding sink: Flink's ceiling for our events";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    long events = context.options().size(FULL_EVENTS, QUICK_EVENTS);
    int customers = FraudThroughputScenario.customersFor(events);
    TransactionBacklog backlog = TransactionBacklog.of(context, events, customers);

    FraudJobIo source = backlog.productionIo(context, name());
    PassthroughJob job = new PassthroughJob(source.transactions(), source.watermarks());
    JobRun run = context.flink().submit(context.job(name(), job::wireInto));
    double seconds =
        context.timed(
            name(), () -> (run.awaitFinished(Duration.ofHours(1)) - run.submittedNanos()) / 1e9);
    long processed = run.recordsIn(PassthroughJob.SINK);
    IncompleteResultsException.requireEqual("events reaching the sink", events, processed);

    double rate = events / seconds;
    return new ScenarioResult.Builder(name(), context.options().quick())
        .parameter("events", events)
        .parameter("customers", customers)
        .parameter("mean_record_bytes", backlog.loaded().meanValueBytes())
        .parameter("parallelism", BenchContext.PARALLELISM)
        .figure(Figures.THROUGHPUT, rate)
        .figure("seconds", seconds)
        .figure("events_processed", processed)
        .table(
            ResultTable.titled("flink-passthrough", "events", "seconds", "events/s")
                .row(Format.count(events), Format.seconds(seconds), Format.count(rate))
                .build())
        .note(
            "time from job submission (includes ~1 s of job start) until the bounded source "
                + "ended and the job finished")
        .build();
  }
}
