package io.freshet.it.counter;

import io.freshet.pipelines.common.Arrival;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Keyed by event key: counts the key's events and emits the running count with each one. */
public final class CountFunction
    extends KeyedProcessFunction<String, Arrival<CountedEvent>, KeyCount> {
  private static final long serialVersionUID = 1L;
  private transient ValueState<KeyCount> last;

  @Override
  public void open(OpenContext openContext) {
    last = getRuntimeContext().getState(new ValueStateDescriptor<>("count", KeyCount.class));
  }

  @Override
  public void processElement(Arrival<CountedEvent> arrival, Context ctx, Collector<KeyCount> out)
      throws Exception {
    KeyCount before = last.value();
    long count = before == null ? 1 : before.count() + 1;
    long newest =
        before == null
            ? arrival.event().eventTime()
            : Math.max(before.lastEventTime(), arrival.event().eventTime());
    KeyCount now = new KeyCount(arrival.event().key(), count, newest, (int) count);
    last.update(now);
    out.collect(now);
  }
}
