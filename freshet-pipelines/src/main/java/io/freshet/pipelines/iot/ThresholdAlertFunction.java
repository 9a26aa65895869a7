package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorThresholds;
import io.freshet.pipelines.common.Arrival;
import io.freshet.pipelines.metrics.FreshetMetrics;
import io.freshet.pipelines.metrics.LatencyHistogram;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Raises a threshold alert on the reading itself, without waiting for any window. */
public final class ThresholdAlertFunction
    extends ProcessFunction<Arrival<SensorReading>, SensorAlert> {
  private static final long serialVersionUID = 1L;

  private final SensorThresholds thresholds;
  private final String alertsTopic;
  private transient Histogram latency;
  private transient Histogram eventTimeLatency;

  /**
   * @param alertsTopic the real name of the alerts topic, the {@code output} label of its latency
   */
  public ThresholdAlertFunction(SensorThresholds thresholds, String alertsTopic) {
    this.thresholds = thresholds;
    this.alertsTopic = alertsTopic;
  }

  @Override
  public void open(OpenContext openContext) {
    var metrics =
        FreshetMetrics.of(getRuntimeContext().getMetricGroup()).addGroup("output", alertsTopic);
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
