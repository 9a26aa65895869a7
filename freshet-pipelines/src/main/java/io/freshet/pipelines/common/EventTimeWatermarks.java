package io.freshet.pipelines.common;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The watermark strategy every pipeline gives to its Kafka source, so watermarks are per partition:
 * bounded out-of-orderness on valid events' event time, with idleness.
 */
public final class EventTimeWatermarks {
  private EventTimeWatermarks() {}

  /**
   * Dead letters get {@code Long.MIN_VALUE} as timestamp, which never advances the watermark: a
   * garbage record must not move event time.
   */
  public static <T> WatermarkStrategy<Ingested<T>> forIngested(
      Duration maxOutOfOrderness, Duration idleness) {
    return WatermarkStrategy.<Ingested<T>>forBoundedOutOfOrderness(maxOutOfOrderness)
        .withTimestampAssigner((ingested, kafkaTimestamp) -> ingested.eventTime())
        .withIdleness(idleness);
  }
}
