package io.freshet.job;

import io.freshet.pipelines.plugin.PipelineCatalog;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry class of the job jar: wires one pipeline, exactly as {@code freshet run} wires it, into
 * the environment of the Flink cluster that runs the jar (REST {@code /jars/:id/run}, {@code flink
 * run}, or the Kubernetes operator's {@code FlinkDeployment}).
 */
public final class PipelineJobMain {
  private PipelineJobMain() {}

  /** Runs the pipeline that {@code --pipeline} names; see {@link JobArguments} for the rest. */
  public static void main(String[] args) throws Exception {
    JobArguments arguments = JobArguments.parse(args, PipelineCatalog.discovered());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(jobConfiguration(arguments));
    arguments.pipeline().wire(env, arguments.context());
    // Named as JobArgs.jobName() names it, which is how submit and upgrade find it again.
    env.execute(arguments.naming().prefix() + arguments.pipeline().name());
  }

  /**
   * What the job itself needs to be correct and fast, whatever cluster runs it; where checkpoints
   * go, the state backend and the restart strategy are the cluster's to decide.
   */
  static Configuration jobConfiguration(JobArguments arguments) {
    Map<String, String> options = new HashMap<>();
    options.put(
        "execution.checkpointing.interval", arguments.checkpointInterval().toMillis() + " ms");
    // The exactly-once Kafka sinks commit their transactions on checkpoints.
    options.put("execution.checkpointing.mode", "EXACTLY_ONCE");
    options.put(
        "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    options.put("execution.checkpointing.min-pause", "100 ms");
    // As in freshet run: a record goes downstream when written, so no shuffle adds latency.
    options.put("execution.buffer-timeout.interval", "0 ms");
    // Every type has a Flink serializer; a Kryo fallback would hide slow, fragile state.
    options.put("pipeline.generic-types", "false");
    return Configuration.fromMap(options);
  }
}
