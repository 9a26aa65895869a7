package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.RevenueAggregate;
import io.freshet.pipelines.common.Arrival;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Sums a minute's purchases of one country and category. */
public final class RevenueAggregator
    implements AggregateFunction<Arrival<ClickEvent>, RevenueAggregate, RevenueAggregate> {
  private static final long serialVersionUID = 1L;

  @Override
  public RevenueAggregate createAccumulator() {
    return RevenueAggregate.empty();
  }

  @Override
  public RevenueAggregate add(Arrival<ClickEvent> purchase, RevenueAggregate acc) {
    return acc.add(purchase.event());
  }

  @Override
  public RevenueAggregate getResult(RevenueAggregate acc) {
    return acc;
  }

  @Override
  public RevenueAggregate merge(RevenueAggregate a, RevenueAggregate b) {
    return a.merge(b);
  }
}
