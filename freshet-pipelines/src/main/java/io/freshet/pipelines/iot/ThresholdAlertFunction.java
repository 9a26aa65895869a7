package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorThresholds;
import io.freshet.pipelines.kafka.Arrival;
import io.freshet.pipelines.metrics.FreshetMetrics;
import io.freshet.pipelines.metrics.LatencyHistogram;
import io.freshet.pipelines.topic.Topics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Raises a threshold alert on the reading itself, without waiting for any window. */
public final class ThresholdAlertFunction
    extends ProcessFunction<Arrival<SensorReading>, SensorAlert> {
  private static final long serialVersionUID = 1L;

  private final SensorThresholds thresholds;
  private transient Histogram latency;
  private transient Histogram eventTimeLatency;

  public ThresholdAlertFunction(SensorThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public void open(OpenContext openContext) {
    var metrics =
        FreshetMetrics.of(getRuntimeContext().getMetricGroup())
            .addGroup("output", Topics.SENSOR_ALERTS.name());
    latency = metrics.histogram(FreshetMetrics.E2E_LATENCY, new LatencyHistogram());
    eventTimeLatency = metrics.histogram(FreshetMetrics.EVENT_TIME_LATENCY, new LatencyHistogram());
  }

  @Override
  public void processElement(
      Arrival<SensorReading> arrival, Context ctx, Collector<SensorAlert> out) {
    SensorReading r = arrival.event();
    thresholds
        .breach(r)
        .ifPresent(
            breach -> {
              long now = System.currentTimeMillis();
              out.collect(
                  new SensorAlert(
                      r.deviceId(),
                      r.sensorType(),
                      r.eventId(),
                      r.eventTime(),
                      r.value(),
                      breach.limit(),
                      breach.bound(),
                      now));
              latency.update(now - arrival.appendTime());
              eventTimeLatency.update(now - r.eventTime());
            });
  }
}
