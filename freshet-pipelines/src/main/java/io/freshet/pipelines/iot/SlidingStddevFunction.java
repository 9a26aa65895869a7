package io.freshet.pipelines.iot;

import io.freshet.core.iot.RunningStats;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.iot.SlidingStddev;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The 1-minute standard deviation sliding every 5 seconds, merged from the twelve 5-second panes
 * (Chan's formula) instead of keeping every reading in twelve overlapping windows. A pane revised
 * by late readings replaces its old version and re-emits the windows it belongs to with the next
 * revision, while they are within the allowed lateness.
 */
public final class SlidingStddevFunction
    extends KeyedProcessFunction<String, PaneStats, SensorStddev1m> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long slide;
  private final long lateness;
  private transient MapState<Long, RunningStats> panes;
  private transient MapState<Long, Integer> revisions;

  public SlidingStddevFunction(Duration size, Duration slide, Duration allowedLateness) {
    this.size = size.toMillis();
    this.slide = slide.toMillis();
    this.lateness = allowedLateness.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    panes =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "panes",
                    TypeInformation.of(Long.class),
                    TypeInformation.of(RunningStats.class)));
    revisions =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("window-revisions", Long.class, Integer.class));
  }

  @Override
  public void processElement(PaneStats pane, Context ctx, Collector<SensorStddev1m> out)
      throws Exception {
    panes.put(pane.windowStart(), pane.stats());
    long watermark = ctx.timerService().currentWatermark();
    for (long start = pane.windowStart() - size + slide;
        start <= pane.windowStart();
        start += slide) {
      long lastTimestamp = start + size - 1;
      if (lastTimestamp > watermark) {
        ctx.timerService().registerEventTimeTimer(lastTimestamp);
      } else if (lastTimestamp + lateness > watermark && revisions.contains(start)) {
        emit(pane.key(), start, revisions.get(start) + 1, out);
      }
    }
    ctx.timerService().registerEventTimeTimer(pane.windowStart() + size + lateness);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<SensorStddev1m> out)
      throws Exception {
    long end = timestamp + 1;
    long start = end - size;
    if (end % slide == 0 && !revisions.contains(start)) {
      emit(ctx.getCurrentKey(), start, 0, out);
    }
    prune(timestamp);
  }

  private void emit(String key, long start, int revision, Collector<SensorStddev1m> out)
      throws Exception {
    List<RunningStats> inWindow = new ArrayList<>();
    for (long p = start; p < start + size; p += slide) {
      RunningStats stats = panes.get(p);
      if (stats != null) {
        inWindow.add(stats);
      }
    }
    RunningStats merged = SlidingStddev.combine(inWindow);
    if (merged.isEmpty()) {
      return;
    }
    revisions.put(start, revision);
    int bar = key.lastIndexOf('|');
    out.collect(
        new SensorStddev1m(
            key.substring(0, bar),
            io.freshet.core.iot.SensorType.valueOf(key.substring(bar + 1)),
            start,
            start + size,
            merged.count(),
            merged.mean(),
            merged.populationStdDev(),
            revision));
  }

  /** Drops panes and window revisions no window within the allowed lateness can use again. */
  private void prune(long watermark) throws Exception {
    Iterator<Map.Entry<Long, RunningStats>> p = panes.iterator();
    while (p.hasNext()) {
      if (p.next().getKey() + size + lateness <= watermark) {
        p.remove();
      }
    }
    Iterator<Map.Entry<Long, Integer>> r = revisions.iterator();
    while (r.hasNext()) {
      if (r.next().getKey() + size + lateness <= watermark) {
        r.remove();
      }
    }
    // An emptied map still holds an entry for the key until cleared.
    if (panes.isEmpty()) {
      panes.clear();
    }
    if (revisions.isEmpty()) {
      revisions.clear();
    }
  }
}
