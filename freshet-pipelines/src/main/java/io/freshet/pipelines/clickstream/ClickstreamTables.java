package io.freshet.pipelines.clickstream;

import static io.freshet.serving.Column.key;
import static io.freshet.serving.Column.value;
import static io.freshet.serving.SqlType.BIGINT;
import static io.freshet.serving.SqlType.BOOLEAN;
import static io.freshet.serving.SqlType.DECIMAL;
import static io.freshet.serving.SqlType.INTEGER;
import static io.freshet.serving.SqlType.JSON;
import static io.freshet.serving.SqlType.TIMESTAMP;
import static io.freshet.serving.SqlType.VARCHAR;

import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.serving.JsonText;
import io.freshet.serving.ServingTable;
import java.util.List;

/** The clickstream pipeline's serving tables. */
public final class ClickstreamTables {
  private ClickstreamTables() {}

  /** Revenue per minute, keyed by (geo_country, category, window_start). */
  public static final ServingTable<RevenueRow> REALTIME_REVENUE =
      new ServingTable<>(
          "realtime_revenue",
          List.of(
              key("geo_country", VARCHAR),
              key("category", VARCHAR),
              key("window_start", TIMESTAMP),
              value("window_end", TIMESTAMP),
              value("revenue", DECIMAL),
              value("order_count", BIGINT),
              value("avg_order_value", DECIMAL),
              value("unique_buyers", BIGINT),
              value("revision", INTEGER)),
          "window_start",
          "revision",
          r ->
              new Object[] {
                r.geoCountry(),
                r.category(),
                r.windowStart(),
                r.windowEnd(),
                r.revenue(),
                r.orderCount(),
                r.avgOrderValue(),
                r.uniqueBuyers(),
                r.revision()
              });

  /**
   * Sessions, keyed by (user_id, device_type, session_start); a merged-away session stays as a row
   * with {@code retracted = true}.
   */
  public static final ServingTable<SessionRow> SESSIONS =
      new ServingTable<>(
          "sessions",
          List.of(
              key("user_id", VARCHAR),
              key("device_type", VARCHAR),
              key("session_start", TIMESTAMP),
              value("session_end", TIMESTAMP),
              value("events_in_session", BIGINT),
              value("categories_viewed", JSON),
              value("converted", BOOLEAN),
              value("revision", INTEGER),
              value("retracted", BOOLEAN)),
          "session_start",
          "revision",
          r ->
              new Object[] {
                r.userId(),
                r.deviceType(),
                r.sessionStart(),
                r.sessionEnd(),
                r.eventsInSession(),
                JsonText.stringArray(r.categoryList()),
                r.converted(),
                r.revision(),
                r.retracted()
              });
}
