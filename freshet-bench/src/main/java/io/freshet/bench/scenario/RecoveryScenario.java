package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.harness.BenchJob;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.FreshetRunProcess;
import io.freshet.bench.harness.OutputVisibility;
import io.freshet.bench.harness.ProductionTopics;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.testkit.kafka.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code recovery}: {@code kill -9} of a {@code freshet run} halfway through a fraud backlog, then
 * the same process started again on its data dir: seconds until output flows again, decisions done
 * twice, and that every transaction still has exactly one committed decision.
 */
public final class RecoveryScenario implements BenchScenario {
  // Recovery time depends on state and checkpoint spacing, not on the input left; 500k keeps the
  // full run to minutes.
  static final long FULL_EVENTS = 500_000;
  static final long QUICK_EVENTS = 20_000;
  static final int MAX_CUSTOMERS = 100_000;

  /**
   * The input is spread over at least this many checkpoint intervals, so even the quick run is
   * killed with output still flowing rather than after one commit carried everything; a full run is
   * limited by the producer and the job, not by this.
   */
  static final int INPUT_SPREAD_INTERVALS = 20;

  static final Duration CHECKPOINT_INTERVAL = BenchJob.DEFAULT_CHECKPOINT_INTERVAL;
  private static final Duration START_DEADLINE = Duration.ofMinutes(3);

  /** Bounds a stuck run only: the process decided about 1,100 transactions/s on a busy machine. */
  private static final Duration OUTPUT_DEADLINE = Duration.ofMinutes(60);

  private static final Pattern CHECKPOINT_NUMBER = Pattern.compile("chk-(\\d+)");
  private static final Pattern FRAUD_JOB_START =
      Pattern.compile("Job\\s+fraud-detection\\s+(?:resumed from (\\S+)|started fresh)");

  @Override
  public String name() {
    return "recovery";
  }

  @Override
  public String description() {
    return "kill -9 of freshet run during a fraud backlog: seconds to output again, events"
        + " reprocessed, exactly once";
  }

  /** 2,000,000 transactions over 100,000 customers; 20,000 over 2,000. */
  static int customersFor(long events) {
    return (int) Math.max(1, Math.min(MAX_CUSTOMERS, events / 10));
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    Optional<ScenarioResult> skipped =
        ProductionTopics.skippedOnExternalBroker(
            context.kafka(), name(), context.options().quick());
    if (skipped.isPresent()) {
      return skipped.get();
    }
    FreshetRunProcess.requireCli();
    BenchKafka kafka = context.kafka();
    ProductionTopics.requireAbsent(kafka, PipelineCatalog.discovered(), name());
    long events = context.options().size(FULL_EVENTS, QUICK_EVENTS);
    if (events > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("recovery: at most " + Integer.MAX_VALUE + " events");
    }
    int customers = customersFor(events);
    double inputRate = events / (INPUT_SPREAD_INTERVALS * (CHECKPOINT_INTERVAL.toMillis() / 1e3));

    Path dir =
        context.workDir().resolve("recovery-" + UUID.randomUUID().toString().substring(0, 6));
    List<String> args =
        List.of(
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--no-demo",
            "--data-dir",
            dir.resolve("data").toString(),
            "--checkpoint-interval",
            CHECKPOINT_INTERVAL.toMillis() + "ms");
    CommittedDecisions decisions = new CommittedDecisions((int) events);
    ExecutorService background = Executors.newFixedThreadPool(2);
    try (FreshetRunProcess first =
        FreshetRunProcess.start(dir.resolve("run-1.log"), FreshetRunProcess.freePort(), args)) {
      long firstHealthy = first.awaitHealthy(START_DEADLINE);
      // The process created the topics; from here on output can be watched.
      String decisionTopic = FraudTopics.TRANSACTION_DECISIONS.name();
      try (TopicReader reader = kafka.committedReader(List.of(decisionTopic))) {
        PacedTransactionInput input =
            new PacedTransactionInput(
                kafka, (int) events, customers, inputRate, context.options().seed());
        Future<?> loading = background.submit(input);
        long inputStarted = System.nanoTime();
        Progress.Step step = context.progress().start("recovery: decisions committed", events);
        TopicReader.RecordHandler handler =
            (record, received) -> {
              decisions.accept(record);
              step.update(decisions.committed());
            };

        reader.readUntil(
            handler,
            watching(() -> decisions.committed() >= events / 2, first, input),
            OUTPUT_DEADLINE);
        long committedAtKill = decisions.committed();
        if (committedAtKill >= events) {
          throw new IllegalStateException(
              "every decision was committed before the kill; recovery needs more --events");
        }
        long killed = System.nanoTime();
        first.kill(Duration.ofSeconds(30));
        long gone = System.nanoTime();
        // Written from here on can only come from the restarted process.
        try (TopicReader uncommitted = kafka.uncommittedReader(List.of(decisionTopic))) {
          decisions.newFrom(uncommitted.endOffsets());
        }

        long restarted = System.nanoTime();
        try (FreshetRunProcess second =
            FreshetRunProcess.start(dir.resolve("run-2.log"), FreshetRunProcess.freePort(), args)) {
          Future<Long> healthy = background.submit(() -> second.awaitHealthy(START_DEADLINE));
          reader.readUntil(
              handler,
              watching(() -> decisions.firstNewNanos() != 0, second, input),
              OUTPUT_DEADLINE);
          long healthyAt = healthy.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
          Matcher start = second.awaitOutput(FRAUD_JOB_START, Duration.ofMinutes(1));
          String resumedFrom = start.group(1) == null ? "none (started fresh)" : start.group(1);
          Matcher checkpoint = CHECKPOINT_NUMBER.matcher(resumedFrom);
          long checkpointsBeforeKill =
              checkpoint.matches() ? Long.parseLong(checkpoint.group(1)) : 0;

          reader.readUntil(
              handler,
              watching(() -> decisions.committed() >= events, second, input),
              OUTPUT_DEADLINE);
          loading.get(1, TimeUnit.MINUTES);
          OutputVisibility.awaitNoOpenTransactions(
              kafka.admin(), List.of(decisionTopic), Duration.ofMinutes(5));
          reader.readToEnd(handler);
          // Every decision record ever written, aborted ones included; markers are not records.
          long written;
          try (TopicReader uncommitted = kafka.uncommittedReader(List.of(decisionTopic))) {
            written = uncommitted.countToEnd(Duration.ofMinutes(10));
          }
          second.stop(Duration.ofMinutes(2));

          decisions.requireExactlyOnce(events);
          long reprocessed = written - decisions.committed();
          double rateBeforeKill = committedAtKill / ((killed - inputStarted) / 1e9);
          return RecoveryReport.build(
              name(),
              context,
              new Run(
                  events,
                  customers,
                  inputRate,
                  committedAtKill,
                  rateBeforeKill,
                  (gone - killed) / 1e9,
                  (decisions.firstNewNanos() - killed) / 1e9,
                  (healthyAt - restarted) / 1e9,
                  (healthyAt - killed) / 1e9,
                  resumedFrom,
                  checkpointsBeforeKill,
                  (killed - firstHealthy) / 1e9,
                  written,
                  decisions.committed(),
                  reprocessed));
        }
      }
    } finally {
      background.shutdownNow();
    }
  }

  /** What one kill and restart measured. */
  record Run(
      long events,
      int customers,
      double inputRate,
      long committedAtKill,
      double rateBeforeKill,
      double killSeconds,
      double recoverySeconds,
      double restartToHealthySeconds,
      double killToHealthySeconds,
      String resumedFrom,
      long checkpointsBeforeKill,
      double secondsBeforeKill,
      long written,
      long committed,
      long reprocessed) {
    /** Mean time between completed checkpoints before the kill, or NaN without any. */
    double checkpointSpacingSeconds() {
      return checkpointsBeforeKill == 0 ? Double.NaN : secondsBeforeKill / checkpointsBeforeKill;
    }
  }

  /**
   * {@code done}, failing fast when the process died or the input could not be produced instead of
   * waiting for the output deadline.
   */
  private static BooleanSupplier watching(
      BooleanSupplier done, FreshetRunProcess process, PacedTransactionInput input) {
    return () -> {
      input.throwIfFailed();
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "freshet run exited unexpectedly; log tail:\n" + process.logTail());
      }
      return done.getAsBoolean();
    };
  }
}
