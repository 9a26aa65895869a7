package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchJob;
import io.freshet.bench.harness.JobRun;
import io.freshet.bench.harness.OutputVisibility;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.textbook.ExactAlert;
import io.freshet.bench.textbook.TextbookVelocityJob;
import io.freshet.bench.textbook.VelocityComparison;
import io.freshet.bench.textbook.VelocityWindowCount;
import io.freshet.bench.textbook.VelocityWindowCountSchema;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.pipelines.fraud.FraudJobIo;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.testkit.kafka.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code velocity-textbook}: the tutorial velocity job (sliding 2 min / 30 s window counts) against
 * Freshet's whole fraud pipeline on the same backlog: throughput of each, and the textbook alerts
 * compared with the exact answer.
 */
public final class VelocityTextbookScenario implements BenchScenario {
  @Override
  public String name() {
    return "velocity-textbook";
  }

  @Override
  public String description() {
    return "textbook sliding-window velocity job vs Freshet's exact per-event rules, same backlog";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    long events =
        context
            .options()
            .size(FraudThroughputScenario.FULL_EVENTS, FraudThroughputScenario.QUICK_EVENTS);
    int customers = FraudThroughputScenario.customersFor(events);
    TransactionBacklog backlog = TransactionBacklog.of(context, events, customers);
    FraudRulesConfig rules = FraudRulesConfig.defaults();

    FraudThroughputScenario.Measured freshet =
        FraudThroughputScenario.measure(
            context, backlog, "velocity-freshet", context.options().stateBackend());
    Textbook textbook = measureTextbook(context, backlog);

    // Untimed from here: what each job said, against the exact answer.
    FraudOutputCheck.Checked checked =
        FraudOutputCheck.verify(context.kafka(), freshet.naming(), backlog.workload());
    List<ExactAlert> exact = checked.expectedVelocity();
    Set<ExactAlert> freshetVelocity = new HashSet<>();
    for (FraudAlert alert : checked.velocityAlerts()) {
      freshetVelocity.add(new ExactAlert(alert.customerId(), alert.eventTime()));
    }
    IncompleteResultsException.requireEqual(
        "Freshet velocity alerts equal to the exact answer",
        exact.size(),
        freshetVelocity.containsAll(exact) ? freshetVelocity.size() : -1);
    VelocityComparison comparison =
        VelocityComparison.compare(exact, textbook.alerts(), rules.velocityWindow());

    double ratio = freshet.rate() / textbook.rate();
    return new ScenarioResult.Builder(name(), context.options().quick())
        .parameter("events", events)
        .parameter("customers", customers)
        .parameter("textbook_window", TextbookVelocityJob.WINDOW.toString())
        .parameter("textbook_slide", TextbookVelocityJob.SLIDE.toString())
        .parameter("velocity_rule", "more than 5 in (t - 120 s, t], suppression 300 s")
        .figure("freshet_eps", freshet.rate())
        .figure("textbook_eps", textbook.rate())
        .figure("freshet_over_textbook", ratio)
        .figure("bursts", comparison.bursts())
        .figure("exact_alerts", freshetVelocity.size())
        .figure("textbook_alerts", comparison.textbookAlerts())
        .figure("textbook_detected", comparison.detected())
        .figure("textbook_missed", comparison.missed())
        .figure("textbook_repeated", comparison.repeated())
        .figure("textbook_spurious", comparison.spurious())
        .figure("textbook_mean_delay_ms", comparison.meanDelayMillis())
        .figure("textbook_max_delay_ms", comparison.maxDelayMillis())
        .table(
            ResultTable.titled("velocity-textbook: throughput", "job", "seconds", "events/s")
                .row(
                    "Freshet fraud pipeline (all rules)",
                    Format.seconds(freshet.seconds()),
                    Format.count(freshet.rate()))
                .row(
                    "textbook sliding window (velocity only)",
                    Format.seconds(textbook.seconds()),
                    Format.count(textbook.rate()))
                .row("Freshet / textbook", "", String.format("%.2fx", ratio))
                .build())
        .table(
            ResultTable.titled("velocity-textbook: alerts", "measure", "value")
                .row("bursts (exact velocity alerts)", Format.count(comparison.bursts()))
                .row("Freshet velocity alerts (all exact)", Format.count(freshetVelocity.size()))
                .row("textbook alerts", Format.count(comparison.textbookAlerts()))
                .row("bursts the textbook job reported", Format.count(comparison.detected()))
                .row("bursts the textbook job missed", Format.count(comparison.missed()))
                .row("repeated textbook alerts for one burst", Format.count(comparison.repeated()))
                .row("textbook alerts near no burst", Format.count(comparison.spurious()))
                .row(
                    "textbook delay to alert, mean (event time, s)",
                    Format.seconds(comparison.meanDelayMillis() / 1000))
                .row(
                    "textbook delay to alert, max (event time, s)",
                    Format.seconds(comparison.maxDelayMillis() / 1000.0))
                .build())
        .note(
            "delay: from the transaction that makes a burst exceed the limit to the end of the first"
                + " window that reports it; the textbook job then still waits for the watermark"
                + " (10 s out-of-orderness) while Freshet decides on the transaction itself")
        .build();
  }

  private record Textbook(double seconds, double rate, List<VelocityWindowCount> alerts) {}

  private static Textbook measureTextbook(BenchContext context, TransactionBacklog backlog)
      throws Exception {
    String tag = "textbook-" + UUID.randomUUID().toString().substring(0, 6);
    String alertsTopic = context.kafka().createRawTopic(tag + "-alerts", 4);
    FraudJobIo source = backlog.productionIo(context, tag);
    TextbookVelocityJob job =
        new TextbookVelocityJob(
            source.transactions(),
            source.watermarks(),
            new KafkaConnection(context.kafka().bootstrapServers())
                .exactlyOnceSink(new VelocityWindowCountSchema(alertsTopic), tag));
    BenchJob textbookJob = context.job("velocity-textbook", job::wireInto);
    double seconds =
        context.timed(
            "velocity-textbook",
            () -> {
              JobRun run = context.flink().submit(textbookJob);
              long finished = run.awaitFinished(Duration.ofHours(1));
              long visible =
                  OutputVisibility.awaitNoOpenTransactions(
                      context.kafka().admin(), List.of(alertsTopic), Duration.ofMinutes(5));
              return (Math.max(finished, visible) - run.submittedNanos()) / 1e9;
            });
    List<VelocityWindowCount> alerts = new ArrayList<>();
    try (TopicReader reader = context.kafka().committedReader(List.of(alertsTopic))) {
      reader.readToEnd(
          (record, at) -> alerts.add(VelocityWindowCountSchema.decode(record.value())));
    }
    return new Textbook(seconds, backlog.loaded().records() / seconds, alerts);
  }
}
