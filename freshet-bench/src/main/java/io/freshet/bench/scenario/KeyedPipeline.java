package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.BenchKafka;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A keyed job whose state the {@code state} scenario measures on both backends. */
interface KeyedPipeline {
  /** {@code customers} or {@code devices}. */
  String keyKind();

  String jobName();

  int keys();

  String keyPrefix();

  /** Whether the heap growth of its heap-backend run is measured. */
  boolean measureHeap();

  /** Creates the private input topic (and any other input) once for both backends. */
  String createInput(BenchKafka kafka) throws Exception;

  /** Loads one record per key (and whatever else the pipeline needs to emit its output). */
  void load(BenchContext context, String input) throws Exception;

  List<StateOutput> createOutputs(BenchKafka kafka, String tag) throws Exception;

  Consumer<StreamExecutionEnvironment> wiring(
      BenchKafka kafka, String input, List<StateOutput> outputs, String tag);
}
