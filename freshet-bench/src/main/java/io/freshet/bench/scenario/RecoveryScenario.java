package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.Figures;
import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchJob;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.CommittedReader;
import io.freshet.bench.harness.FreshetRunProcess;
import io.freshet.bench.harness.OutputVisibility;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.pipelines.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

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

  private static final Duration CHECKPOINT_INTERVAL = BenchJob.DEFAULT_CHECKPOINT_INTERVAL;
  private static final Duration START_DEADLINE = Duration.ofMinutes(3);

  /** Bounds a stuck run only: the process decided about 1,100 transactions/s on a busy machine. */
  private static final Duration OUTPUT_DEADLINE = Duration.ofMinutes(60);

  private static final String CUSTOMER_PREFIX = "rc-";
  private static final String TRANSACTION_PREFIX = "rtx-";
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
    if (context.kafka().embeddedBroker().isEmpty()) {
      return new ScenarioResult.Builder(name(), context.options().quick())
          .parameter("skipped", true)
          .note(
              "skipped: recovery starts freshet run against the bench's broker, which creates"
                  + " Freshet's production topics (transactions, transaction-decisions, ...);"
                  + " that is only done on the bench's private embedded broker, not on the"
                  + " cluster given with --bootstrap-servers")
          .build();
    }
    FreshetRunProcess.requireCli();
    BenchKafka kafka = context.kafka();
    if (kafka
        .admin()
        .listTopics()
        .names()
        .get(30, TimeUnit.SECONDS)
        .contains(Topics.TRANSACTIONS.name())) {
      throw new IllegalStateException(
          "recovery needs a broker without Freshet's production topics, but "
              + Topics.TRANSACTIONS.name()
              + " already exists on "
              + kafka.bootstrapServers());
    }
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
    Decisions decisions = new Decisions((int) events);
    ExecutorService background = Executors.newFixedThreadPool(2);
    try (FreshetRunProcess first =
        FreshetRunProcess.start(dir.resolve("run-1.log"), FreshetRunProcess.freePort(), args)) {
      long firstHealthy = first.awaitHealthy(START_DEADLINE);
      // The process created the topics; from here on output can be watched.
      String decisionTopic = Topics.TRANSACTION_DECISIONS.name();
      try (CommittedReader reader = new CommittedReader(kafka, List.of(decisionTopic))) {
        PacedInput input =
            new PacedInput(kafka, (int) events, customers, inputRate, context.options().seed());
        Future<?> loading = background.submit(input);
        long inputStarted = System.nanoTime();
        Progress.Step step = context.progress().start("recovery: decisions committed", events);
        CommittedReader.RecordHandler handler =
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
        decisions.newFrom(endOffsets(kafka, decisionTopic));

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
          reader.readAllCommitted(handler);
          long written = countAllWritten(kafka, decisionTopic);
          second.stop(Duration.ofMinutes(2));

          decisions.requireExactlyOnce(events);
          long reprocessed = written - decisions.committed();
          double rateBeforeKill = committedAtKill / ((killed - inputStarted) / 1e9);
          return result(
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
      BooleanSupplier done, FreshetRunProcess process, PacedInput input) {
    return () -> {
      input.throwIfFailed();
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "freshet run exited unexpectedly; log tail:\n" + process.logTail());
      }
      return done.getAsBoolean();
    };
  }

  private static Map<TopicPartition, Long> endOffsets(BenchKafka kafka, String topic) {
    Properties props = kafka.readCommittedConsumerProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      return consumer.endOffsets(partitions(consumer, topic), Duration.ofSeconds(30));
    }
  }

  /**
   * Every decision record ever written to {@code topic}, aborted ones included, as a
   * read_uncommitted consumer sees them; transaction markers are not records.
   */
  private static long countAllWritten(BenchKafka kafka, String topic) {
    Properties props = kafka.readCommittedConsumerProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long count = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " up to " + ends);
        }
        count += consumer.poll(Duration.ofMillis(100)).count();
      }
      return count;
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    return partitions;
  }

  /**
   * Committed decisions by transaction id (a bit per generated transaction), and the first one
   * written after the kill.
   */
  private static final class Decisions {
    private final BitSet seen;
    private final int events;
    private long committed;
    private long repeated;
    private long foreign;
    private Map<TopicPartition, Long> endAtKill;
    private long firstNewNanos;

    Decisions(int events) {
      this.events = events;
      this.seen = new BitSet(events);
    }

    void accept(ConsumerRecord<byte[], byte[]> record) {
      committed++;
      String id = Topics.TRANSACTION_DECISIONS.valueCodec().decode(record.value()).transactionId();
      int index = SyntheticTransactions.index(id, TRANSACTION_PREFIX);
      if (index < 0 || index >= events) {
        foreign++;
      } else if (seen.get(index)) {
        repeated++;
      } else {
        seen.set(index);
      }
      if (firstNewNanos == 0 && endAtKill != null) {
        Long end = endAtKill.get(new TopicPartition(record.topic(), record.partition()));
        if (end != null && record.offset() >= end) {
          // Timed here rather than by the reader's receive stamp: one clock with the kill.
          firstNewNanos = System.nanoTime();
        }
      }
    }

    /** Decisions at or past these offsets were written after the kill. */
    void newFrom(Map<TopicPartition, Long> endOffsets) {
      this.endAtKill = new HashMap<>(endOffsets);
    }

    long committed() {
      return committed;
    }

    long firstNewNanos() {
      return firstNewNanos;
    }

    void requireExactlyOnce(long expected) {
      if (repeated > 0 || foreign > 0) {
        throw new IncompleteResultsException(
            repeated
                + " transactions had more than one committed decision and "
                + foreign
                + " decisions were for transactions never produced");
      }
      IncompleteResultsException.requireEqual("committed decisions", expected, committed);
      IncompleteResultsException.requireEqual(
          "transactions with a committed decision", expected, seen.cardinality());
    }
  }

  /**
   * Produces the transactions into Freshet's {@code transactions} topic at a steady rate, in a
   * background thread, so the process is killed while input is still arriving.
   */
  private static final class PacedInput implements Runnable {
    private final BenchKafka kafka;
    private final int events;
    private final int customers;
    private final double rate;
    private final long seed;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();

    PacedInput(BenchKafka kafka, int events, int customers, double rate, long seed) {
      this.kafka = kafka;
      this.events = events;
      this.customers = customers;
      this.rate = rate;
      this.seed = seed;
    }

    @Override
    public void run() {
      SyntheticTransactions transactions = new SyntheticTransactions(seed);
      SplittableRandom customerOf = new SplittableRandom(seed + 1);
      String topic = Topics.TRANSACTIONS.name();
      long started = System.nanoTime();
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(kafka.producerProperties())) {
        for (int i = 0; i < events; i++) {
          if (i % 1000 == 0) {
            throwIfFailed();
            long due = started + (long) (i / rate * 1e9);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
          }
          BenchRecord record =
              transactions.next(
                  CUSTOMER_PREFIX + customerOf.nextInt(customers),
                  TRANSACTION_PREFIX + i,
                  // Event time advancing 10 ms per transaction, as a steady stream would.
                  SyntheticTransactions.EVENT_TIME_BASE + 10L * i);
          producer.send(
              new ProducerRecord<>(topic, record.key(), record.value()),
              (metadata, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, e);
                } else {
                  sent.incrementAndGet();
                }
              });
        }
        producer.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.compareAndSet(null, e);
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      }
      throwIfFailed();
    }

    void throwIfFailed() {
      Exception e = failure.get();
      if (e != null) {
        throw new IllegalStateException(
            "producing the recovery input failed after " + sent.get() + " records", e);
      }
    }
  }

  private ScenarioResult result(BenchContext context, Run run) {
    double intervalDecisions = run.rateBeforeKill() * CHECKPOINT_INTERVAL.toMillis() / 1e3;
    return new ScenarioResult.Builder(name(), context.options().quick())
        .parameter("events", run.events())
        .parameter("customers", run.customers())
        .parameter("input_rate_per_s", run.inputRate())
        .parameter("resumed_from", run.resumedFrom())
        .figure(Figures.RECOVERY_SECONDS, run.recoverySeconds())
        .figure(Figures.RESTART_TO_HEALTHY_SECONDS, run.restartToHealthySeconds())
        .figure(Figures.EVENTS_REPROCESSED, run.reprocessed())
        .figure(Figures.CHECKPOINT_INTERVAL_MS, CHECKPOINT_INTERVAL.toMillis())
        .figure("kill_to_healthy_seconds", run.killToHealthySeconds())
        .figure("committed_at_kill", run.committedAtKill())
        .figure("decisions_committed", run.committed())
        .figure("decisions_written", run.written())
        .figure("rate_before_kill_eps", run.rateBeforeKill())
        .figure("checkpoints_before_kill", run.checkpointsBeforeKill())
        .table(
            ResultTable.titled(
                    "recovery: kill -9 of freshet run, then the same data dir", "measure", "value")
                .row(
                    "transactions (customers)",
                    String.format("%,d (%,d)", run.events(), run.customers()))
                .row("input rate /s", String.format("%,.0f", run.inputRate()))
                .row(
                    "committed decisions seen at kill", String.format("%,d", run.committedAtKill()))
                .row("decisions/s before kill", String.format("%,.0f", run.rateBeforeKill()))
                .row("kill -9 until process gone (s)", String.format("%.2f", run.killSeconds()))
                .row(
                    "kill until first new committed decision (s)",
                    String.format("%.2f", run.recoverySeconds()))
                .row(
                    "restart until /api/health 200 (s)",
                    String.format("%.2f", run.restartToHealthySeconds()))
                .row(
                    "kill until /api/health 200 (s)",
                    String.format("%.2f", run.killToHealthySeconds()))
                .row("fraud job resumed from", run.resumedFrom())
                .row("decisions written (read_uncommitted)", String.format("%,d", run.written()))
                .row("decisions committed", String.format("%,d", run.committed()))
                .row("decisions reprocessed (aborted)", String.format("%,d", run.reprocessed()))
                .row("checkpoint interval (ms)", Long.toString(CHECKPOINT_INTERVAL.toMillis()))
                .row(
                    "latest checkpoint id before kill (mean spacing s)",
                    String.format(
                        "%d (%.2f)", run.checkpointsBeforeKill(), run.checkpointSpacingSeconds()))
                .build())
        .note(
            "exactly once held: every transaction has exactly one committed decision (checked by"
                + " transaction id), none of the aborted output became visible")
        .note(
            "events reprocessed = decisions written (read_uncommitted) - decisions committed:"
                + " output of the killed process's open transactions, redone after resuming from"
                + " the last completed checkpoint. The checkpoint interval bounds it only while"
                + " checkpoints complete promptly: the bound is the time since the last completed"
                + " checkpoint (plus what was in flight). Here "
                + String.format("%,d", run.reprocessed())
                + " decisions were redone; one "
                + CHECKPOINT_INTERVAL.toMillis()
                + " ms interval at the pre-kill rate is "
                + String.format("%,.0f", intervalDecisions)
                + ", and checkpoints completed every "
                + String.format("%.2f", run.checkpointSpacingSeconds())
                + " s on average before the kill (under backpressure a barrier waits behind"
                + " buffered records)")
        .note(
            "first new committed decision: the first at an offset past the topic's end at the"
                + " kill, so decisions the killed process had already committed do not count;"
                + " the broker (in the bench JVM) stays up, only the Freshet process dies")
        .note(
            "input produced at a steady "
                + String.format("%,.0f", run.inputRate())
                + "/s (the whole input over "
                + INPUT_SPREAD_INTERVALS
                + " checkpoint intervals) while the process runs, also during the outage")
        .build();
  }
}
