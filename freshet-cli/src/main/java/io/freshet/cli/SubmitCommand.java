package io.freshet.cli;

import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.runtime.cluster.ClusterException;
import io.freshet.runtime.cluster.FlinkDistribution;
import io.freshet.runtime.flink.FlinkRestException;
import io.freshet.runtime.submit.JobArgs;
import io.freshet.runtime.submit.PipelineSubmitter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code freshet submit}: the pipelines' jobs onto a Flink cluster, through its REST API. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    modelTransformer = PipelineOptions.class,
    description = {
      "Submit pipelines to a Flink cluster as the project's job jar (the same pipeline classes"
          + " `run` runs in its MiniCluster), through the JobManager's REST API, and wait until"
          + " every task of each job runs.",
      "The jobs read and write the Kafka cluster at --bootstrap-servers; the rest of the platform"
          + " (HTTP API, dashboard, metrics) is `freshet run --bootstrap-servers …"
          + " --jobmanager …`."
    })
public final class SubmitCommand implements Callable<Integer> {
  /** As {@code freshet run}'s; given explicitly, as a web submission would otherwise run at 1. */
  static final int DEFAULT_PARALLELISM = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PIPELINE",
      description = "Pipelines to submit: ${COMPLETION-CANDIDATES}.",
      completionCandidates = PipelineOptions.Names.class)
  List<String> pipelines;

  @Mixin JobTargetOptions target = new JobTargetOptions();

  @Option(
      names = "--from-savepoint",
      paramLabel = "PATH",
      description =
          "Start from this savepoint or retained checkpoint (one pipeline only): its state and"
              + " Kafka offsets.")
  String fromSavepoint;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "The jobs' parallelism, at most the slots free and the input topics' partitions"
              + " (default: ${DEFAULT-VALUE}).")
  int parallelism = DEFAULT_PARALLELISM;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<FreshetPipeline> chosen;
    try {
      chosen = PipelineCatalog.discovered().select(pipelines).pipelines();
      // Checked here for a clear message before anything reaches the cluster.
      PipelineOptions.values(spec);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (fromSavepoint != null && chosen.size() != 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--from-savepoint restores one pipeline; name exactly one");
    }
    if (parallelism < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
    }
    List<PipelineSubmitter.JobRequest> requests = new ArrayList<>();
    for (FreshetPipeline pipeline : chosen) {
      JobArgs args = target.args(pipeline, PipelineOptions.arguments(spec, pipeline));
      requests.add(
          new PipelineSubmitter.JobRequest(
              args.jobName(),
              args.toList(),
              OptionalInt.of(parallelism),
              Optional.ofNullable(fromSavepoint)));
    }
    try {
      List<String> created = target.ensureTopics(chosen);
      if (!created.isEmpty()) {
        out.println("Created topics: " + String.join(", ", created));
      }
      PipelineSubmitter submitter =
          new PipelineSubmitter(target.rest(), FlinkDistribution.current().existingJobJar());
      List<PipelineSubmitter.Submitted> submitted =
          submitter.submit(
              requests,
              target.timeout,
              line -> {
                out.println(line);
                out.flush();
              });
      for (PipelineSubmitter.Submitted s : submitted) {
        out.printf(
            Locale.ROOT,
            "%s RUNNING as job %s (all tasks running after %.1f s)%n",
            s.pipeline(),
            s.jobId(),
            s.untilRunning().toMillis() / 1000.0);
      }
    } catch (FlinkRestException | ClusterException e) {
      out.flush();
      err.println("submit failed: " + e.getMessage());
      return 1;
    }
    out.flush();
    return 0;
  }
}
