package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchOptions;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.Figures;
import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchJob;
import io.freshet.bench.harness.JobRun;
import io.freshet.bench.harness.OutputVisibility;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.scenario.AnalyticsCompleteness.Checked;
import io.freshet.bench.scenario.AnalyticsCompleteness.OutputCheck;
import io.freshet.bench.scenario.ClickstreamCompleteness.ClickOutputs;
import io.freshet.bench.scenario.IotCompleteness.IotOutputs;
import io.freshet.pipelines.clickstream.ClickstreamPipeline;
import io.freshet.pipelines.clickstream.ClickstreamTopics;
import io.freshet.pipelines.iot.IotPipeline;
import io.freshet.pipelines.iot.IotTopics;
import io.freshet.pipelines.plugin.WindowSettings;
import io.freshet.pipelines.topic.Topics;
import io.freshet.testkit.clickstream.ClickGenerator;
import io.freshet.testkit.clickstream.ClickstreamReference;
import io.freshet.testkit.iot.IotReference;
import io.freshet.testkit.iot.SensorGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code analytics-throughput}: how fast the clickstream and IoT jobs, wired by their production
 * plug-ins, catch up on a pre-loaded backlog each, against {@code kafka-limit} and {@code
 * flink-passthrough}.
 *
 * <p>Each pipeline's clock runs from job submission until its last result is visible to a
 * read_committed consumer. Afterwards, untimed, every committed output is checked against a
 * plain-loop reference on the same events.
 */
public final class AnalyticsThroughputScenario implements BenchScenario {
  public static final String NAME = "analytics-throughput";

  /** Input events per pipeline of a full run. */
  public static final long FULL_EVENTS = 2_000_000;

  /** Input events per pipeline of a {@code --quick} run. */
  public static final long QUICK_EVENTS = 20_000;

  public static final String CLICKSTREAM_EPS = "clickstream_eps";
  public static final String IOT_EPS = "iot_eps";
  public static final String CLICKSTREAM_RATIO_KAFKA = "clickstream_" + Figures.RATIO_KAFKA;
  public static final String IOT_RATIO_KAFKA = "iot_" + Figures.RATIO_KAFKA;
  public static final String CLICKSTREAM_RATIO_PASSTHROUGH =
      "clickstream_" + Figures.RATIO_PASSTHROUGH;
  public static final String IOT_RATIO_PASSTHROUGH = "iot_" + Figures.RATIO_PASSTHROUGH;

  /** Completeness figures, so a test can assert them without parsing tables. */
  public static final String CLICKSTREAM_EVENTS_CHECKED = "clickstream_events_checked";

  public static final String IOT_EVENTS_CHECKED = "iot_events_checked";

  private static final Duration VISIBILITY_DEADLINE = Duration.ofMinutes(2);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "clickstream (revenue per minute + sessions) and IoT (5 s stats + 1 min stddev +"
        + " anomalies) catching up on a backlog each: ev/s per pipeline, ratio to kafka-limit"
        + " and flink-passthrough";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    BenchOptions options = context.options();
    long events = options.size(FULL_EVENTS, QUICK_EVENTS);

    // Both backlogs are in Kafka before either clock starts.
    ClickGenerator clicks = new ClickGenerator(options.seed(), events);
    SensorGenerator sensors = new SensorGenerator(options.seed(), events);
    AnalyticsBacklogs.ClickBacklog clickBacklog =
        AnalyticsBacklogs.loadOnce(context, options.seed(), clicks);
    AnalyticsBacklogs.SensorBacklog sensorBacklog =
        AnalyticsBacklogs.loadOnce(context, options.seed(), sensors);
    IncompleteResultsException.requireEqual(
        "clicks loaded", events, clickBacklog.loaded().records());
    IncompleteResultsException.requireEqual(
        "sensor readings loaded", events, sensorBacklog.loaded().records());

    // The production plug-ins, each reading its backlog to the end and writing beside it.
    BenchPipeline clickJob =
        BenchPipeline.catchUp(new ClickstreamPipeline(), context.kafka(), clickBacklog.naming());
    List<String> clickTopics = clickJob.createOutputs(context.kafka());
    Measured clickstream =
        measure(
            context,
            "clickstream",
            events,
            clickTopics,
            context.job(NAME + "-clickstream", clickJob::wireInto));
    // The references' own constants are the documented defaults the jobs ran with.
    Checked clickChecked =
        ClickstreamCompleteness.check(
            context.kafka(),
            clicks,
            new ClickstreamReference.Settings(
                clickJob.context().setting(WindowSettings.ALLOWED_LATENESS),
                clickJob.context().maxOutOfOrderness(),
                true),
            new ClickOutputs(
                clickJob.topic(ClickstreamTopics.REVENUE_PER_MINUTE),
                clickJob.topic(ClickstreamTopics.SESSIONS),
                clickJob.topic(Topics.LATE_EVENTS),
                clickJob.topic(ClickstreamTopics.CLICKSTREAM_EVENTS_DLQ)));

    // Its equipment-baselines topic is empty; bounded like the readings, so the job can finish.
    BenchPipeline iotJob =
        BenchPipeline.catchUp(new IotPipeline(), context.kafka(), sensorBacklog.naming());
    List<String> iotTopics = iotJob.createOutputs(context.kafka());
    Measured iot =
        measure(context, "iot", events, iotTopics, context.job(NAME + "-iot", iotJob::wireInto));
    Checked iotChecked =
        IotCompleteness.check(
            context.kafka(),
            sensors,
            new IotReference.Settings(
                iotJob.context().setting(WindowSettings.ALLOWED_LATENESS),
                iotJob.context().maxOutOfOrderness(),
                true),
            new IotOutputs(
                iotJob.topic(IotTopics.SENSOR_STATS_5S),
                iotJob.topic(IotTopics.SENSOR_STDDEV_1M),
                iotJob.topic(IotTopics.SENSOR_ANOMALIES),
                iotJob.topic(IotTopics.SENSOR_ALERTS),
                iotJob.topic(Topics.LATE_EVENTS),
                iotJob.topic(IotTopics.SENSOR_READINGS_DLQ)));

    return result(
        context,
        events,
        clicks,
        sensors,
        clickBacklog,
        sensorBacklog,
        clickstream,
        clickChecked,
        iot,
        iotChecked);
  }

  /** One pipeline's timed catch-up. */
  private record Measured(String pipeline, long events, double seconds) {
    double eventsPerSecond() {
      return events / seconds;
    }
  }

  /** Runs {@code job} to its end and times it until its outputs have no open transaction. */
  private static Measured measure(
      BenchContext context, String pipeline, long events, List<String> outputs, BenchJob job)
      throws Exception {
    // Generous: a catch-up slower than 1,000 events/s is a broken run, not a measurement.
    Duration deadline = Duration.ofMinutes(10).plusSeconds(events / 1_000);
    double seconds =
        context.timed(
            pipeline,
            () -> {
              JobRun run = context.flink().submit(job);
              long finished;
              try {
                finished = run.awaitFinished(deadline);
              } catch (Exception e) {
                // A job still running after its deadline would hold its slots for the next
                // scenario.
                try {
                  run.cancel();
                } catch (Exception cancelFailed) {
                  e.addSuppressed(cancelFailed);
                }
                throw e;
              }
              long visible =
                  OutputVisibility.awaitNoOpenTransactions(
                      context.kafka().admin(), outputs, VISIBILITY_DEADLINE);
              return (Math.max(finished, visible) - run.submittedNanos()) / 1e9;
            });
    return new Measured(pipeline, events, seconds);
  }

  private ScenarioResult result(
      BenchContext context,
      long events,
      ClickGenerator clicks,
      SensorGenerator sensors,
      AnalyticsBacklogs.ClickBacklog clickBacklog,
      AnalyticsBacklogs.SensorBacklog sensorBacklog,
      Measured clickstream,
      Checked clickChecked,
      Measured iot,
      Checked iotChecked) {
    Optional<Double> kafkaLimit = context.baseline("kafka-limit", Figures.PRODUCE_CONSUME_RATE);
    Optional<Double> passthrough = context.baseline("flink-passthrough", Figures.THROUGHPUT);
    ScenarioResult.Builder result =
        new ScenarioResult.Builder(NAME, context.options().quick())
            .parameter("events_per_pipeline", events)
            .parameter("clickstream_users", clicks.users())
            .parameter("iot_devices", sensors.devices())
            .parameter("parallelism", context.flink().parallelism())
            .parameter("checkpoint_interval_ms", BenchJob.DEFAULT_CHECKPOINT_INTERVAL.toMillis())
            .parameter("seed", context.options().seed())
            .parameter(
                "clickstream_mean_event_bytes", Math.round(clickBacklog.loaded().meanValueBytes()))
            .parameter("iot_mean_event_bytes", Math.round(sensorBacklog.loaded().meanValueBytes()));

    ResultTable.Builder table =
        ResultTable.titled(
            NAME + ": catch-up on a backlog, submission to last result visible",
            "pipeline",
            "events",
            "seconds",
            "ev/s",
            "× kafka-limit p+c",
            "× flink-passthrough",
            "outputs written");
    for (Pipeline p :
        List.of(
            new Pipeline(
                clickstream,
                clickChecked,
                CLICKSTREAM_EPS,
                CLICKSTREAM_RATIO_KAFKA,
                CLICKSTREAM_RATIO_PASSTHROUGH,
                CLICKSTREAM_EVENTS_CHECKED),
            new Pipeline(
                iot,
                iotChecked,
                IOT_EPS,
                IOT_RATIO_KAFKA,
                IOT_RATIO_PASSTHROUGH,
                IOT_EVENTS_CHECKED))) {
      double eps = p.measured.eventsPerSecond();
      Optional<Double> toKafka = kafkaLimit.map(limit -> eps / limit);
      Optional<Double> toPassthrough = passthrough.map(limit -> eps / limit);
      result.figure(p.epsFigure, eps);
      toKafka.ifPresent(r -> result.figure(p.kafkaFigure, r));
      toPassthrough.ifPresent(r -> result.figure(p.passthroughFigure, r));
      // Only reached when every output equalled the reference, so all events were accounted for.
      result.figure(p.checkedFigure, p.measured.events);
      table.row(
          p.measured.pipeline,
          Long.toString(p.measured.events),
          String.format(Locale.ROOT, "%.1f", p.measured.seconds),
          String.format(Locale.ROOT, "%,.0f", eps),
          ratio(toKafka),
          ratio(toPassthrough),
          Long.toString(p.checked.committedRecords()));
    }
    result.table(table.build());

    ResultTable.Builder completeness =
        ResultTable.titled(
            NAME + ": completeness (every window revision once, equal to the testkit reference)",
            "pipeline",
            "output",
            "committed records",
            "final rows",
            "reference rows",
            "check");
    for (OutputCheck o : clickChecked.outputs()) {
      completeness.row(
          "clickstream",
          o.output(),
          Long.toString(o.committed()),
          Long.toString(o.finalRows()),
          Long.toString(o.expected()),
          o.detail());
    }
    for (OutputCheck o : iotChecked.outputs()) {
      completeness.row(
          "iot",
          o.output(),
          Long.toString(o.committed()),
          Long.toString(o.finalRows()),
          Long.toString(o.expected()),
          o.detail());
    }
    result.table(completeness.build());

    result.note(
        "serving store left out (discarding store sinks): the rows are built, their JDBC writes are"
            + " not measured; every Kafka output is exactly-once like production");
    result.note(
        "event time advances monotonically (clicks every "
            + ClickGenerator.STEP.toMillis()
            + " ms, each device every "
            + SensorGenerator.PERIOD.toMillis()
            + " ms), so no event is late and every window emits exactly once");
    if (kafkaLimit.isEmpty()) {
      result.note("× kafka-limit n/a: no kafka-limit result in this run or " + resultsDir(context));
    }
    if (passthrough.isEmpty()) {
      result.note(
          "× flink-passthrough n/a: no flink-passthrough result in this run or "
              + resultsDir(context));
    }
    return result.build();
  }

  private record Pipeline(
      Measured measured,
      Checked checked,
      String epsFigure,
      String kafkaFigure,
      String passthroughFigure,
      String checkedFigure) {}

  private static String ratio(Optional<Double> ratio) {
    return ratio.map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("n/a");
  }

  private static String resultsDir(BenchContext context) {
    return context.options().scenarioResultsDir().toString();
  }
}
