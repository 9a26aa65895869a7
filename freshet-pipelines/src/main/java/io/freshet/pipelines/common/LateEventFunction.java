package io.freshet.pipelines.common;

import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.metrics.FreshetMetrics;
import java.io.Serializable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns an event too late for its window (beyond the allowed lateness) into a visible, countable
 * late-event record naming the pipeline, the window it missed and the watermark it met.
 */
public final class LateEventFunction<T> extends ProcessFunction<Arrival<T>, LateEvent> {
  private static final long serialVersionUID = 1L;

  /** What the late-event record says about an event of this pipeline. */
  public interface Describer<T> extends Serializable {
    String eventId(T event);

    String key(T event);

    long eventTime(T event);

    /** Start of the window the event belonged to. */
    long windowStart(T event);

    /** End (exclusive) of the window the event belonged to. */
    long windowEnd(T event);
  }

  private final String pipeline;
  private final Describer<T> describer;
  private transient Counter late;

  public LateEventFunction(String pipeline, Describer<T> describer) {
    this.pipeline = pipeline;
    this.describer = describer;
  }

  @Override
  public void open(OpenContext openContext) {
    late =
        FreshetMetrics.of(getRuntimeContext().getMetricGroup())
            .addGroup("late_for", pipeline)
            .counter(FreshetMetrics.LATE_EVENTS);
  }

  @Override
  public void processElement(Arrival<T> arrival, Context ctx, Collector<LateEvent> out) {
    T event = arrival.event();
    late.inc();
    out.collect(
        new LateEvent(
            pipeline,
            describer.eventId(event),
            describer.key(event),
            describer.eventTime(event),
            describer.windowStart(event),
            describer.windowEnd(event),
            ctx.timerService().currentWatermark()));
  }
}
