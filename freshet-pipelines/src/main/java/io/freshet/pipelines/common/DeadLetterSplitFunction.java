package io.freshet.pipelines.common;

import io.freshet.core.envelope.ErrorType;
import io.freshet.pipelines.metrics.FreshetMetrics;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes valid events on with their append time and routes dead letters to the {@link
 * DeadLetters#TAG} side output, counting records in and dead letters per error type.
 */
public final class DeadLetterSplitFunction<T> extends ProcessFunction<Ingested<T>, Arrival<T>> {
  private static final long serialVersionUID = 1L;

  private transient Counter recordsIn;
  private transient Map<ErrorType, Counter> deadLetterCounters;
  private transient volatile long lastWatermark;

  @Override
  public void open(OpenContext openContext) {
    MetricGroup metrics = FreshetMetrics.of(getRuntimeContext().getMetricGroup());
    recordsIn = metrics.counter(FreshetMetrics.RECORDS_IN);
    lastWatermark = Long.MIN_VALUE;
    // Every pipeline passes its input through here, right behind the source's watermarks.
    metrics.gauge(
        FreshetMetrics.WATERMARK_LAG,
        () ->
            lastWatermark == Long.MIN_VALUE
                ? 0.0
                : (System.currentTimeMillis() - lastWatermark) / 1000.0);
    deadLetterCounters = new EnumMap<>(ErrorType.class);
    for (ErrorType type : ErrorType.values()) {
      deadLetterCounters.put(
          type, metrics.addGroup("error_type", type.name()).counter(FreshetMetrics.DEAD_LETTERS));
    }
  }

  @Override
  public void processElement(Ingested<T> value, Context ctx, Collector<Arrival<T>> out) {
    recordsIn.inc();
    lastWatermark = ctx.timerService().currentWatermark();
    if (value.isValid()) {
      out.collect(new Arrival<>(value.event(), value.appendTime()));
    } else {
      deadLetterCounters.get(value.deadLetter().errorType()).inc();
      ctx.output(DeadLetters.TAG, value.deadLetter());
    }
  }

  /** The side output every pipeline operator sends its dead letters to. */
  public static final class DeadLetters {
    public static final OutputTag<DeadLetterRecord> TAG =
        new OutputTag<>("dead-letters") {
          private static final long serialVersionUID = 1L;
        };

    private DeadLetters() {}
  }
}
