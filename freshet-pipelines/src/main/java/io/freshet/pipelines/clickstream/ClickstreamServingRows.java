package io.freshet.pipelines.clickstream;

/**
 * Converts the clickstream job's topic records into the serving store's rows, field for field.
 *
 * <p>A retraction keeps its revision: the store keeps the row with the highest revision of a key
 * (equal wins), so the retraction replaces the live row it follows and a replay of either is
 * harmless.
 */
final class ClickstreamServingRows {
  private ClickstreamServingRows() {}

  static io.freshet.serving.rows.RevenueRow revenue(RevenueRow r) {
    return new io.freshet.serving.rows.RevenueRow(
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

  static io.freshet.serving.rows.SessionRow session(SessionRow s) {
    return new io.freshet.serving.rows.SessionRow(
        s.userId(),
        s.deviceType(),
        s.sessionStart(),
        s.sessionEnd(),
        s.eventsInSession(),
        s.categoriesViewed(),
        s.converted(),
        s.revision(),
        s.retracted());
  }
}
