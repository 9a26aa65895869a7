package io.freshet.testkit.rows;

import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.late.LateEvent;
import io.freshet.testkit.clickstream.ExpectedRevenue;
import io.freshet.testkit.clickstream.ExpectedSession;
import io.freshet.testkit.iot.ExpectedAlert;
import io.freshet.testkit.iot.ExpectedAnomaly;
import io.freshet.testkit.iot.ExpectedStats;
import io.freshet.testkit.iot.ExpectedStddev;
import io.freshet.testkit.windows.ExpectedLateEvent;
import java.util.List;

/**
 * Maps the pipelines' decoded output records onto the testkit reference's rows, field by field: the
 * one place the job tests, integration tests and the bench name the production result types.
 */
public final class ResultRows {
  private ResultRows() {}

  public static ExpectedStats stats(SensorStats5s s) {
    return new ExpectedStats(
        s.deviceId(),
        s.sensorType().wireName(),
        s.windowStart(),
        s.windowEnd(),
        s.count(),
        s.mean(),
        s.min(),
        s.max(),
        s.revision());
  }

  public static ExpectedStddev stddev(SensorStddev1m s) {
    return new ExpectedStddev(
        s.deviceId(),
        s.sensorType().wireName(),
        s.windowStart(),
        s.windowEnd(),
        s.count(),
        s.mean(),
        s.stddev(),
        s.revision());
  }

  public static ExpectedAnomaly anomaly(SensorAnomaly a) {
    return new ExpectedAnomaly(
        a.deviceId(),
        a.sensorType().wireName(),
        a.windowStart(),
        a.windowEnd(),
        a.value(),
        a.baselineMean(),
        a.baselineStddev(),
        a.z());
  }

  /** Everything but {@code detectedAt}, which is the processing time. */
  public static ExpectedAlert alert(SensorAlert a) {
    return new ExpectedAlert(
        a.deviceId(),
        a.sensorType().wireName(),
        a.eventId(),
        a.eventTime(),
        a.value(),
        a.limit(),
        a.bound().name());
  }

  public static ExpectedRevenue revenue(RevenueRow r) {
    return new ExpectedRevenue(
        r.geoCountry(),
        r.category(),
        r.windowStart(),
        r.windowEnd(),
        r.revenue(),
        r.orderCount(),
        r.avgOrderValue(),
        r.uniqueBuyers(),
        r.revision());
  }

  public static ExpectedSession session(SessionRow s) {
    return new ExpectedSession(
        s.userId(),
        s.deviceType(),
        s.eventsInSession(),
        List.of(s.categoriesViewed()),
        s.converted(),
        s.sessionStart(),
        s.sessionEnd(),
        s.revision(),
        s.retracted());
  }

  public static ExpectedLateEvent late(LateEvent e) {
    return new ExpectedLateEvent(
        e.pipeline(),
        e.eventId(),
        e.key(),
        e.eventTime(),
        e.windowStart(),
        e.windowEnd(),
        e.watermark());
  }
}
