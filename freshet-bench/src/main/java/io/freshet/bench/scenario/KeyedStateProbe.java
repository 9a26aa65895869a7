package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.BenchJob;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.JobRun;
import io.freshet.bench.harness.OutputVisibility;
import io.freshet.bench.harness.Progress;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.flink.StateBackendKind;
import io.freshet.testkit.kafka.TopicReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;

/** Measures what one keyed job leaves in state on one backend: checkpoint, output and heap. */
final class KeyedStateProbe {
  /** Bounds a stuck run only: a million devices emit 13 million records on a shared machine. */
  private static final Duration OUTPUT_DEADLINE = Duration.ofMinutes(60);

  private final BenchContext context;

  KeyedStateProbe(BenchContext context) {
    this.context = context;
  }

  /** What one job run left in state, from a full checkpoint taken after its output committed. */
  record Measured(
      String keyKind,
      StateBackendKind backend,
      int keys,
      long keysWithOutput,
      long stateSize,
      long checkpointedSize,
      long checkpointMillis,
      long heapBefore,
      long heapAfter) {
    double bytesPerKey() {
      return (double) stateSize / keys;
    }

    /** Growth of used heap per key, or NaN when not measured (RocksDB runs, devices). */
    double heapBytesPerKey() {
      return heapBefore < 0 ? Double.NaN : (double) (heapAfter - heapBefore) / keys;
    }
  }

  /**
   * Runs {@code pipeline}'s production wiring on {@code backend}, reading the input under {@code
   * naming} from the start and writing under its own output version; loads the input first when
   * {@code load}.
   */
  Measured measure(
      KeyedPipeline pipeline, TopicNaming naming, StateBackendKind backend, boolean load)
      throws Exception {
    // Only the first run's baseline is clean enough: later ones see what cancelled jobs left.
    boolean measureHeap = load && pipeline.measureHeap();
    BenchKafka kafka = context.kafka();
    String tag = "state-" + pipeline.keyKind() + "-" + backend.label();
    BenchPipeline wired =
        BenchPipeline.live(pipeline.pipeline(), kafka, naming.withOutputVersion(backend.label()));
    wired.createOutputs(kafka);
    List<StateOutput> outputs = pipeline.outputs(wired.context().naming());
    List<String> names = outputs.stream().map(StateOutput::topic).toList();
    StateOutputCount counted = new StateOutputCount(outputs, pipeline.keys(), pipeline.keyPrefix());
    BenchJob job =
        BenchJob.of(pipeline.jobName() + "-" + backend.name().toLowerCase(), wired::wireInto)
            .withStateBackend(backend);
    String input = naming.name(pipeline.input());
    // Opened before the heap baseline so its own buffers are on both sides of the difference.
    try (TopicReader reader = kafka.committedReader(names)) {
      JobRun run = context.flink().submit(job);
      try {
        run.awaitRunning(Duration.ofMinutes(2));
        long heapBefore = measureHeap ? usedHeapAfterGc() : -1;
        if (load) {
          pipeline.load(context, input);
        }
        Progress.Step step =
            context.progress().start(tag + " outputs committed", counted.expectedTotal());
        reader.readUntil(
            (record, received) -> {
              counted.accept(record);
              step.update(counted.total());
            },
            () -> counted.reachedExpected() || !alive(run),
            OUTPUT_DEADLINE);
        if (!counted.reachedExpected()) {
          throw new IllegalStateException(tag + " ended before all output was committed");
        }
        long heapAfter = measureHeap ? usedHeapAfterGc() : -1;
        CompletedCheckpointStats checkpoint = run.checkpoint();
        // Output beyond the expected counts would be duplicates: read whatever else committed.
        OutputVisibility.awaitNoOpenTransactions(kafka.admin(), names, Duration.ofMinutes(5));
        reader.readToEnd((record, received) -> counted.accept(record));
        counted.requireExact(tag);
        return new Measured(
            pipeline.keyKind(),
            backend,
            pipeline.keys(),
            counted.distinctKeys(),
            checkpoint.getStateSize(),
            checkpoint.getCheckpointedSize(),
            checkpoint.getEndToEndDuration(),
            heapBefore,
            heapAfter);
      } finally {
        run.cancel();
      }
    }
  }

  /** Used heap of this JVM (which runs the MiniCluster) after two full collections. */
  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Whether the job still runs; a failed job's cause is thrown instead of waiting on. */
  private static boolean alive(JobRun run) {
    try {
      return run.requireAlive();
    } catch (Exception e) {
      throw new IllegalStateException("state job failed", e);
    }
  }
}
