package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/**
 * A production pipeline whose keyed state the {@code state} scenario measures on both backends,
 * with what is specific to it: the load of one record per key and the output it must produce.
 */
interface KeyedPipeline {
  /** {@code customers} or {@code devices}. */
  String keyKind();

  /** The registered plug-in whose wiring runs. */
  FreshetPipeline pipeline();

  /** The declared topic {@link #load} writes. */
  TopicDescriptor<?, ?> input();

  String jobName();

  int keys();

  String keyPrefix();

  /** Whether the heap growth of its heap-backend run is measured. */
  boolean measureHeap();

  /**
   * Loads one record per key into {@code input} (and whatever else the pipeline needs to emit its
   * output).
   */
  void load(BenchContext context, String input) throws Exception;

  /** What each topic written under {@code naming} must hold once every key was processed. */
  List<StateOutput> outputs(TopicNaming naming);

  /** Loads {@code record(i)} for every key {@code i} into {@code input}. */
  default void loadOnePerKey(BenchContext context, String input, IntFunction<BenchRecord> record) {
    int keys = keys();
    Iterator<BenchRecord> records =
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys;
          }

          @Override
          public BenchRecord next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return record.apply(next++);
          }
        };
    context.loader().load(input, records, keys);
  }
}
