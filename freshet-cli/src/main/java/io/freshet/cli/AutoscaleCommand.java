package io.freshet.cli;

import io.freshet.core.scaling.ScalingEvaluator;
import io.freshet.core.scaling.ScalingPolicy;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.autoscale.Autoscaler;
import io.freshet.runtime.autoscale.KafkaLagSource;
import io.freshet.runtime.flink.FlinkRest;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code freshet autoscale}: rescales a pipeline's job on a Flink cluster on its consumer lag. */
@Command(
    name = "autoscale",
    mixinStandardHelpOptions = true,
    description = {
      "Watch a pipeline's job on a Flink cluster and rescale it on its consumer lag through the"
          + " adaptive scheduler (PUT /jobs/:id/resource-requirements): up when the lag per"
          + " TaskManager stays above --lag-threshold for --up-after, by what brings it under"
          + " (at most --max-step instances); down by one instance after --down-after of calm.",
      "Prints one line per round: time, lag, lag per TaskManager, parallelism, the decision and"
          + " why, and for a rescale how long it took until every task ran again."
    })
public final class AutoscaleCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "PIPELINE",
      description = "The pipeline whose job to scale: ${COMPLETION-CANDIDATES}.",
      completionCandidates = PipelineOptions.Names.class)
  String pipeline;

  @Option(
      names = "--jobmanager",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The Flink JobManager's REST address.")
  String jobManager;

  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT[,...]",
      description = "The Kafka cluster the job reads, where its consumer lag is read.")
  String bootstrapServers;

  @Mixin KafkaConfigOption kafkaConfig = new KafkaConfigOption();

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      description = "The prefix the job was submitted with (its topics and consumer group).")
  String topicPrefix;

  @Option(
      names = "--lag-threshold",
      paramLabel = "RECORDS",
      description =
          "Lag per TaskManager above which the job is behind (default: ${DEFAULT-VALUE}).")
  long lagThreshold = ScalingPolicy.DEFAULT_LAG_THRESHOLD;

  @Option(
      names = "--slots-per-taskmanager",
      paramLabel = "N",
      description =
          "Slots of one TaskManager: the lag per TaskManager is the lag over ceil(parallelism /"
              + " N) (default: ${DEFAULT-VALUE}, as `cluster up`).")
  int slotsPerTaskManager = ScalingPolicy.DEFAULT_SLOTS_PER_TASK_MANAGER;

  @Option(
      names = "--up-after",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How long the lag must stay above the threshold (default: 2m).")
  Duration upAfter = ScalingPolicy.DEFAULT_UP_AFTER;

  @Option(
      names = "--down-after",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "How long the job must stay calm (lag per TaskManager under a tenth of the threshold,"
              + " busiest task under 50 %) before one instance is removed (default: 10m).")
  Duration downAfter = ScalingPolicy.DEFAULT_DOWN_AFTER;

  @Option(
      names = "--max-step",
      paramLabel = "N",
      description = "Most instances added in one rescale (default: ${DEFAULT-VALUE}).")
  int maxStep = ScalingPolicy.DEFAULT_MAX_STEP;

  @Option(
      names = "--min-parallelism",
      paramLabel = "N",
      description = "Fewest instances (default: ${DEFAULT-VALUE}).")
  int minParallelism = 1;

  @Option(
      names = "--max-parallelism",
      paramLabel = "N",
      description = "Most instances (default: the input topic's partitions).")
  Integer maxParallelism;

  @Option(
      names = "--cooldown",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "After a rescale, how long the lag is not judged while the job restores and catches up"
              + " (default: 2m).")
  Duration cooldown = ScalingPolicy.DEFAULT_COOLDOWN;

  @Option(
      names = "--interval",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How often the job is sampled (default: 10s).")
  Duration interval = Duration.ofSeconds(10);

  @Option(
      names = "--rescale-timeout",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How long a rescale may take until every task runs again (default: 5m).")
  Duration rescaleTimeout = Duration.ofMinutes(5);

  @Option(
      names = "--for",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Stop after this long (default: until Ctrl-C).")
  Duration runFor;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    validate();
    FreshetPipeline chosen =
        PipelineCatalog.discovered()
            .byName(pipeline)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(),
                        "unknown pipeline '"
                            + pipeline
                            + "'; known: "
                            + String.join(", ", PipelineCatalog.discovered().names())));
    String declaredGroup =
        chosen
            .consumerGroup()
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(),
                        "pipeline "
                            + chosen.name()
                            + " declares no consumer group, so its lag cannot be read"));
    TopicNaming naming = TopicNaming.prefixed(topicPrefix == null ? "" : topicPrefix);
    // Named as submit names it: the pipeline under its topic prefix.
    String jobName = naming.prefix() + chosen.name();
    String group = naming.id(declaredGroup);
    List<String> topics = chosen.inputs().stream().map(naming::name).toList();
    FlinkRest rest = FlinkRest.of(jobManager);
    if (!rest.answers()) {
      err.println("autoscale failed: no Flink JobManager answers at " + rest.base());
      return 1;
    }
    if (rest.activeJob(jobName).isEmpty()) {
      err.println(
          "autoscale failed: no running job named '"
              + jobName
              + "' at "
              + rest.base()
              + "; submit it first: freshet submit "
              + chosen.name()
              + " --jobmanager "
              + jobManager
              + " --bootstrap-servers …");
      return 1;
    }
    try (KafkaLagSource lag =
        KafkaLagSource.open(
            kafkaConfig.connection(bootstrapServers).clientProperties(), group, topics)) {
      int partitions = lag.partitions();
      int max = maxParallelism != null ? maxParallelism : partitions;
      if (max < minParallelism) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--min-parallelism "
                + minParallelism
                + " is above the maximum parallelism "
                + max
                + (maxParallelism == null ? " (the partitions of " + topics + ")" : ""));
      }
      ScalingPolicy policy = policy(max);
      out.printf(
          Locale.ROOT,
          "Autoscaling job %s at %s on the lag of group %s on %s (%d partitions): up after %s"
              + " above %,d records per TaskManager (%d slots each), at most +%d, down by one"
              + " after %s calm, parallelism %d..%d, cooldown %s%n",
          jobName,
          jobManager,
          group,
          String.join(", ", topics),
          partitions,
          text(upAfter),
          lagThreshold,
          slotsPerTaskManager,
          maxStep,
          text(downAfter),
          minParallelism,
          max,
          text(cooldown));
      out.flush();
      Autoscaler autoscaler =
          new Autoscaler(
              rest, jobName, lag, new ScalingEvaluator(policy), Clock.systemUTC(), rescaleTimeout);
      autoscaler.run(
          interval,
          Optional.ofNullable(runFor),
          step -> {
            out.println(line(step));
            out.flush();
          },
          failure -> {
            err.println(TIME.format(Instant.now()) + "  not sampled: " + failure.getMessage());
            err.flush();
          });
    } catch (KafkaException e) {
      out.flush();
      err.println("autoscale failed: Kafka at " + bootstrapServers + ": " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** The policy the options describe, for a job of at most {@code max} instances. */
  ScalingPolicy policy(int max) {
    return new ScalingPolicy(
        lagThreshold,
        slotsPerTaskManager,
        upAfter,
        downAfter,
        maxStep,
        minParallelism,
        max,
        cooldown);
  }

  /** Refuses options no policy can follow, before anything is contacted. */
  void validate() {
    require(lagThreshold >= 1, "--lag-threshold must be at least 1, got " + lagThreshold);
    require(
        slotsPerTaskManager >= 1,
        "--slots-per-taskmanager must be at least 1, got " + slotsPerTaskManager);
    require(maxStep >= 1, "--max-step must be at least 1, got " + maxStep);
    require(minParallelism >= 1, "--min-parallelism must be at least 1, got " + minParallelism);
    if (maxParallelism != null) {
      require(
          maxParallelism >= minParallelism,
          "--max-parallelism ("
              + maxParallelism
              + ") must be at least --min-parallelism ("
              + minParallelism
              + ")");
    }
    require(!upAfter.isNegative(), "--up-after must not be negative, got " + upAfter);
    require(!downAfter.isNegative(), "--down-after must not be negative, got " + downAfter);
    require(!cooldown.isNegative(), "--cooldown must not be negative, got " + cooldown);
    require(
        interval.compareTo(Duration.ofSeconds(1)) >= 0,
        "--interval must be at least 1s, got " + text(interval));
    require(
        !rescaleTimeout.isNegative() && !rescaleTimeout.isZero(),
        "--rescale-timeout must be positive");
    if (runFor != null) {
      require(
          !runFor.isNegative() && !runFor.isZero(), "--for must be positive, got " + text(runFor));
    }
  }

  private void require(boolean condition, String message) {
    if (!condition) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }

  /** One round as printed: time, lag, lag per TaskManager, parallelism, decision and reason. */
  static String line(Autoscaler.Step step) {
    String decision =
        step.decision().rescales()
            ? String.format(
                Locale.ROOT,
                "RESCALE %d -> %d  %s%s",
                step.decision().parallelism(),
                step.decision().target(),
                step.decision().reason(),
                step.rescaleTook()
                    .map(d -> String.format(Locale.ROOT, " (took %.1f s)", d.toMillis() / 1000.0))
                    .orElse(""))
            : "HOLD  " + step.decision().reason();
    return String.format(
        Locale.ROOT,
        "%s  lag %,d  per TaskManager %,.0f  parallelism %d  %s",
        TIME.format(step.sample().at()),
        step.sample().lag(),
        step.lagPerTaskManager(),
        step.sample().parallelism(),
        decision);
  }

  private static String text(Duration d) {
    long s = d.toSeconds();
    if (s % 60 == 0 && s > 0) {
      return s / 60 + "m";
    }
    return d.toMillis() % 1000 == 0 ? s + "s" : d.toMillis() + "ms";
  }
}
