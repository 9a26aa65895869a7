package io.freshet.runtime.flink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * The Flink configuration Freshet runs every job with: exactly-once checkpoints retained on
 * cancellation, the chosen state backend, endless restarts, records flushed as written, no Kryo
 * fallback.
 */
public record FlinkSettings(
    int parallelism,
    Duration checkpointInterval,
    Path checkpointDir,
    StateBackendKind stateBackend) {

  /**
   * Flink's own periodic checkpoint interval under {@link CheckpointPacer}, which triggers the
   * checkpoints of jobs with work every {@link #checkpointInterval}: how often an idle job is
   * checkpointed, and the bound on visibility should the pacer miss anything. Well within the Kafka
   * transaction timeout (10 min).
   */
  public static final Duration IDLE_CHECKPOINT_INTERVAL = Duration.ofMinutes(1);

  /** The least time from one checkpoint's end to the next one's start. */
  public static final Duration MIN_PAUSE = Duration.ofMillis(100);

  /** Whether {@link CheckpointPacer} has anything to skip: the interval is below the idle one. */
  public boolean paced() {
    return checkpointInterval.compareTo(IDLE_CHECKPOINT_INTERVAL) < 0;
  }

  /**
   * The configuration of jobs whose checkpoints {@link CheckpointPacer} triggers: as {@link
   * #toConfiguration()}, with Flink's periodic checkpoints every {@link #IDLE_CHECKPOINT_INTERVAL}.
   */
  public Configuration toPacedConfiguration() {
    Configuration conf = toConfiguration();
    if (paced()) {
      conf.setString(
          "execution.checkpointing.interval", IDLE_CHECKPOINT_INTERVAL.toMillis() + " ms");
    }
    return conf;
  }

  /**
   * The job-level configuration, as Flink option keys: periodic checkpoints every {@link
   * #checkpointInterval}.
   */
  public Configuration toConfiguration() {
    Map<String, String> options = new HashMap<>();
    options.put("parallelism.default", Integer.toString(parallelism));
    options.put("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
    options.put("execution.checkpointing.mode", "EXACTLY_ONCE");
    options.put("execution.checkpointing.storage", "filesystem");
    options.put("execution.checkpointing.dir", checkpointDir.toAbsolutePath().toUri().toString());
    options.put(
        "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    options.put("execution.checkpointing.num-retained", "3");
    options.put("execution.checkpointing.min-pause", MIN_PAUSE.toMillis() + " ms");
    options.put("execution.checkpointing.timeout", "5 min");
    options.put("state.backend.type", stateBackend.flinkName());
    // RocksDB uploads only new files per checkpoint; a full copy every second would not scale.
    options.put(
        "execution.checkpointing.incremental",
        Boolean.toString(stateBackend == StateBackendKind.ROCKSDB));
    // Zstandard instead of RocksDB's Snappy: at 100,000 customers with 20 transactions each, 466
    // instead of 574 checkpointed bytes per customer, and no slower (docs/benchmarks.md).
    options.put("state.backend.rocksdb.compression.per.level", "ZSTD_COMPRESSION");
    options.put("restart-strategy.type", "fixed-delay");
    options.put("restart-strategy.fixed-delay.attempts", Integer.toString(Integer.MAX_VALUE));
    options.put("restart-strategy.fixed-delay.delay", "2 s");
    // 0: a record is handed to the next task as soon as it is written to a network buffer, so no
    // shuffle adds latency (Flink's 100 ms default would dominate it). A positive timeout would
    // start an "OutputFlusher" thread per task output that wakes every interval, traffic or not:
    // 21 threads at 10 ms (1 ms on the fraud path) were 0.06 to 0.07 of a core of an idle freshet
    // run. Under load a flush finds the consumer already notified and costs a lock.
    options.put("execution.buffer-timeout.interval", "0 ms");
    // Every type must have a Flink serializer; Kryo fallback would hide slow, fragile state.
    options.put("pipeline.generic-types", "false");
    return Configuration.fromMap(options);
  }
}
