package io.freshet.pipelines.iot;

import io.freshet.core.iot.RunningStats;
import io.freshet.core.iot.SensorType;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Emits a 5-second pane's statistics, numbering re-emissions caused by late readings so downstream
 * upserts keep the newest revision.
 */
public final class PaneWindowFunction
    extends ProcessWindowFunction<RunningStats, PaneStats, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private static final ValueStateDescriptor<Integer> REVISION =
      new ValueStateDescriptor<>("pane-revision", Integer.class);

  @Override
  public void process(
      String key, Context context, Iterable<RunningStats> results, Collector<PaneStats> out)
      throws Exception {
    ValueState<Integer> revision = context.windowState().getState(REVISION);
    int next = revision.value() == null ? 0 : revision.value() + 1;
    revision.update(next);
    int bar = key.lastIndexOf('|');
    RunningStats stats = results.iterator().next();
    out.collect(
        new PaneStats(
            key.substring(0, bar),
            SensorType.valueOf(key.substring(bar + 1)),
            context.window().getStart(),
            context.window().getEnd(),
            stats,
            next));
  }

  /** Per-window state must go when Flink purges the window after its allowed lateness. */
  @Override
  public void clear(Context context) {
    context.windowState().getState(REVISION).clear();
  }
}
