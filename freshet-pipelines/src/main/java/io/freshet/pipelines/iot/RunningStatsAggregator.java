package io.freshet.pipelines.iot;

import io.freshet.core.iot.RunningStats;
import io.freshet.core.iot.SensorReading;
import io.freshet.pipelines.common.Arrival;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a pane's readings into count, mean, M2, min and max (Welford), merging with Chan. */
public final class RunningStatsAggregator
    implements AggregateFunction<Arrival<SensorReading>, RunningStats, RunningStats> {
  private static final long serialVersionUID = 1L;

  @Override
  public RunningStats createAccumulator() {
    return RunningStats.empty();
  }

  @Override
  public RunningStats add(Arrival<SensorReading> reading, RunningStats stats) {
    return stats.add(reading.event().value());
  }

  @Override
  public RunningStats getResult(RunningStats stats) {
    return stats;
  }

  @Override
  public RunningStats merge(RunningStats a, RunningStats b) {
    return a.merge(b);
  }
}
