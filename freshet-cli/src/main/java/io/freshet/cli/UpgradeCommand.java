package io.freshet.cli;

import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.runtime.cluster.ClusterException;
import io.freshet.runtime.cluster.FlinkDistribution;
import io.freshet.runtime.flink.FlinkRest;
import io.freshet.runtime.flink.FlinkRestException;
import io.freshet.runtime.submit.JobArgs;
import io.freshet.runtime.submit.PipelineSubmitter;
import io.freshet.runtime.submit.PipelineUpgrader;
import java.io.PrintWriter;
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

/** {@code freshet upgrade}: a running pipeline replaced from a savepoint, its state kept. */
@Command(
    name = "upgrade",
    mixinStandardHelpOptions = true,
    modelTransformer = PipelineOptions.class,
    description = {
      "Replace a pipeline's running job on a Flink cluster without losing its state:"
          + " stop-with-savepoint, then this build's job jar with the options given (new settings,"
          + " another --parallelism) from that savepoint, and wait until every task runs.",
      "Give the pipeline's options as for `submit`: settings not given take their defaults."
    })
public final class UpgradeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PIPELINE",
      description = "The pipeline to upgrade: ${COMPLETION-CANDIDATES}.",
      completionCandidates = PipelineOptions.Names.class)
  String pipeline;

  @Mixin JobTargetOptions target = new JobTargetOptions();

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "The new job's parallelism (default: the running job's).")
  Integer parallelism;

  @Option(
      names = "--savepoint-dir",
      paramLabel = "URI",
      description =
          "Where the savepoint goes, a path or URI every Flink process reaches (default: the"
              + " cluster's execution.checkpointing.savepoint-dir).")
  String savepointDir;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FreshetPipeline chosen;
    try {
      chosen = PipelineCatalog.discovered().select(List.of(pipeline)).pipelines().get(0);
      PipelineOptions.values(spec);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (parallelism != null && parallelism < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
    }
    try {
      FlinkRest rest = target.rest();
      JobArgs args = target.args(chosen, PipelineOptions.arguments(spec, chosen));
      int newParallelism =
          parallelism != null ? parallelism : runningParallelism(rest, args.jobName());
      PipelineUpgrader.Upgraded upgraded =
          new PipelineUpgrader(
                  rest, new PipelineSubmitter(rest, FlinkDistribution.current().existingJobJar()))
              .upgrade(
                  new PipelineSubmitter.JobRequest(
                      args.jobName(),
                      args.toList(),
                      OptionalInt.of(newParallelism),
                      Optional.empty()),
                  Optional.ofNullable(savepointDir),
                  target.timeout,
                  line -> {
                    out.println(line);
                    out.flush();
                  });
      out.printf(
          Locale.ROOT,
          "%s upgraded: job %s (parallelism %d) -> job %s (parallelism %d) from %s;"
              + " savepoint %.1f s, all tasks running %.1f s after the stop%n",
          upgraded.pipeline(),
          upgraded.oldJobId(),
          upgraded.parallelismBefore(),
          upgraded.newJobId(),
          upgraded.parallelismAfter(),
          upgraded.savepoint(),
          upgraded.savepointTook().toMillis() / 1000.0,
          upgraded.took().toMillis() / 1000.0);
    } catch (FlinkRestException | ClusterException e) {
      out.flush();
      err.println("upgrade failed: " + e.getMessage());
      return 1;
    }
    out.flush();
    return 0;
  }

  private static int runningParallelism(FlinkRest rest, String name) throws InterruptedException {
    String jobId =
        rest.activeJob(name)
            .orElseThrow(() -> new FlinkRestException(name + " does not run on " + rest.base()))
            .id();
    return rest.parallelism(jobId).orElse(1);
  }
}
