package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.harness.FreshetRunProcess;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.flink.StateBackendKind;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code state}: checkpointed state bytes per customer (fraud) and per device (IoT) at a million
 * keys on the heap and RocksDB backends, the size and duration of a full checkpoint, and the memory
 * of a whole {@code freshet run} under the default demo traffic.
 */
public final class StateScenario implements BenchScenario {
  static final long FULL_KEYS = 1_000_000;
  static final long QUICK_KEYS = 5_000;

  /** See {@link #requireHeapFor}. */
  static final long HEAP_BASE_BYTES = 512L << 20;

  static final long HEAP_BYTES_PER_KEY = 1024;

  @Override
  public String name() {
    return "state";
  }

  @Override
  public String description() {
    return "state bytes per customer and per device (heap, RocksDB), checkpoint size and"
        + " duration, memory of freshet run under demo traffic";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    // Fail before minutes of state measurements, not at the demo phase after them.
    FreshetRunProcess.requireCli();
    long size = context.options().size(FULL_KEYS, QUICK_KEYS);
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("state: at most " + Integer.MAX_VALUE + " keys");
    }
    int keys = (int) size;
    requireHeapFor(keys);
    long seed = context.options().seed();
    KeyedStateProbe probe = new KeyedStateProbe(context);
    List<KeyedStateProbe.Measured> measured = new ArrayList<>();
    for (KeyedPipeline pipeline :
        List.of(new CustomerStatePipeline(keys, seed), new DeviceStatePipeline(keys, seed))) {
      // One input for both backends, each of which writes its own output version.
      TopicNaming naming = context.kafka().naming("state-" + pipeline.keyKind());
      BenchPipeline.live(pipeline.pipeline(), context.kafka(), naming)
          .createInputs(context.kafka());
      // The heap run goes first: it loads the input, after the heap baseline for customers.
      measured.add(probe.measure(pipeline, naming, StateBackendKind.HEAP, true));
      measured.add(probe.measure(pipeline, naming, StateBackendKind.ROCKSDB, false));
    }
    DemoMemoryProbe.DemoMemory demo = new DemoMemoryProbe(context).sample();
    return StateReport.build(name(), context, keys, measured, demo);
  }

  /**
   * A lower bound of the heap this JVM (which runs the MiniCluster) needs: about 600 B per customer
   * were measured on the heap backend, and devices hold window state until their windows close;
   * failing here beats an OutOfMemoryError deep into the run.
   */
  static void requireHeapFor(int keys) {
    long needed = HEAP_BASE_BYTES + keys * HEAP_BYTES_PER_KEY;
    long max = Runtime.getRuntime().maxMemory();
    if (max < needed) {
      throw new IllegalStateException(
          String.format(
              "state at %,d keys keeps them on this JVM's heap and needs at least %,d MiB, but"
                  + " the maximum heap is %,d MiB: run with e.g. FRESHET_JAVA_OPTS=-Xmx%dg",
              keys, needed >> 20, max >> 20, (needed >> 30) + 2));
    }
  }
}
