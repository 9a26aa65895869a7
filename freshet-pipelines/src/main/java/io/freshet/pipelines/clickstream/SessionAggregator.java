package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.SessionAggregate;
import io.freshet.pipelines.common.Arrival;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a session's clicks; merging windows merge their aggregates. */
public final class SessionAggregator
    implements AggregateFunction<Arrival<ClickEvent>, SessionAggregate, SessionAggregate> {
  private static final long serialVersionUID = 1L;

  @Override
  public SessionAggregate createAccumulator() {
    return SessionAggregate.empty();
  }

  @Override
  public SessionAggregate add(Arrival<ClickEvent> click, SessionAggregate acc) {
    return acc.add(click.event());
  }

  @Override
  public SessionAggregate getResult(SessionAggregate acc) {
    return acc;
  }

  @Override
  public SessionAggregate merge(SessionAggregate a, SessionAggregate b) {
    return a.merge(b);
  }
}
