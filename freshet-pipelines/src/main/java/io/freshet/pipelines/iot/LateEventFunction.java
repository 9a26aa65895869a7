package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorReading;
import io.freshet.pipelines.kafka.Arrival;
import io.freshet.pipelines.metrics.FreshetMetrics;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a reading too late for its window (beyond allowed lateness) into a visible, countable
 * late-event record naming the window it missed and the watermark it met.
 */
public final class LateEventFunction extends ProcessFunction<Arrival<SensorReading>, LateEvent> {
  private static final long serialVersionUID = 1L;

  private final String pipeline;
  private final long windowSize;
  private transient Counter late;

  public LateEventFunction(String pipeline, Duration windowSize) {
    this.pipeline = pipeline;
    this.windowSize = windowSize.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    late =
        FreshetMetrics.of(getRuntimeContext().getMetricGroup()).counter(FreshetMetrics.LATE_EVENTS);
  }

  @Override
  public void processElement(
      Arrival<SensorReading> arrival, Context ctx, Collector<LateEvent> out) {
    SensorReading r = arrival.event();
    long start = r.eventTime() - Math.floorMod(r.eventTime(), windowSize);
    late.inc();
    out.collect(
        new LateEvent(
            pipeline,
            r.eventId(),
            IotKeys.of(r.deviceId(), r.sensorType()),
            r.eventTime(),
            start,
            start + windowSize,
            ctx.timerService().currentWatermark()));
  }
}
