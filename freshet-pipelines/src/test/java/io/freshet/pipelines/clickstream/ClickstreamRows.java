package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.late.LateEvent;
import io.freshet.testkit.clickstream.ExpectedRevenue;
import io.freshet.testkit.clickstream.ExpectedSession;
import io.freshet.testkit.windows.ExpectedLateEvent;
import java.util.List;

/**
 * Maps the clickstream job's output records onto the testkit reference's rows, field by field: the
 * one place the job tests name the production result types.
 */
final class ClickstreamRows {
  private ClickstreamRows() {}

  static ExpectedRevenue revenue(RevenueRow r) {
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

  static ExpectedSession session(SessionRow s) {
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

  static ExpectedLateEvent late(LateEvent e) {
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
