package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.RevenueAggregate;
import io.freshet.core.clickstream.RevenueRow;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Emits a minute's revenue row, numbering re-emissions caused by late purchases. */
public final class RevenueWindowFunction
    extends ProcessWindowFunction<RevenueAggregate, RevenueRow, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private static final ValueStateDescriptor<Integer> REVISION =
      new ValueStateDescriptor<>("revenue-revision", Integer.class);

  @Override
  public void process(
      String key, Context context, Iterable<RevenueAggregate> results, Collector<RevenueRow> out)
      throws Exception {
    ValueState<Integer> revision = context.windowState().getState(REVISION);
    int next = revision.value() == null ? 0 : revision.value() + 1;
    revision.update(next);
    RevenueAggregate a = results.iterator().next();
    out.collect(
        new RevenueRow(
            ClickKeys.first(key),
            ClickKeys.second(key),
            context.window().getStart(),
            context.window().getEnd(),
            a.revenue(),
            a.orderCount(),
            a.avgOrderValue(),
            a.uniqueBuyers(),
            next));
  }

  @Override
  public void clear(Context context) {
    context.windowState().getState(REVISION).clear();
  }
}
