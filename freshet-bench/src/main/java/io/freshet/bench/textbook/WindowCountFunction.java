package io.freshet.bench.textbook;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Attaches the customer and window bounds to a window's count. */
public final class WindowCountFunction
    extends ProcessWindowFunction<Long, VelocityWindowCount, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  @Override
  public void process(
      String customerId,
      Context context,
      Iterable<Long> counts,
      Collector<VelocityWindowCount> out) {
    long count = counts.iterator().next();
    out.collect(
        new VelocityWindowCount(
            customerId, context.window().getStart(), context.window().getEnd(), count));
  }
}
