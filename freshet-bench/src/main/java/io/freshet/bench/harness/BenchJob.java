package io.freshet.bench.harness;

import io.freshet.runtime.flink.StateBackendKind;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A job a scenario runs: its name, how it is wired, and the checkpointing it runs with.
 *
 * @param checkpointInterval how often exactly-once sinks commit; results become visible then
 */
public record BenchJob(
    String name,
    Consumer<StreamExecutionEnvironment> wiring,
    Duration checkpointInterval,
    StateBackendKind stateBackend) {

  /** Freshet's production checkpoint interval. */
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  public BenchJob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(wiring, "wiring");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(stateBackend, "stateBackend");
  }

  /** A job on heap state with the production checkpoint interval. */
  public static BenchJob of(String name, Consumer<StreamExecutionEnvironment> wiring) {
    return new BenchJob(name, wiring, DEFAULT_CHECKPOINT_INTERVAL, StateBackendKind.HEAP);
  }

  public BenchJob withStateBackend(StateBackendKind backend) {
    return new BenchJob(name, wiring, checkpointInterval, backend);
  }

  public BenchJob withCheckpointInterval(Duration interval) {
    return new BenchJob(name, wiring, interval, stateBackend);
  }
}
