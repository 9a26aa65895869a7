package io.freshet.serving;

import static io.freshet.serving.Column.key;
import static io.freshet.serving.Column.value;
import static io.freshet.serving.SqlType.BIGINT;
import static io.freshet.serving.SqlType.BOOLEAN;
import static io.freshet.serving.SqlType.DECIMAL;
import static io.freshet.serving.SqlType.DOUBLE;
import static io.freshet.serving.SqlType.INTEGER;
import static io.freshet.serving.SqlType.JSON;
import static io.freshet.serving.SqlType.TIMESTAMP;
import static io.freshet.serving.SqlType.VARCHAR;

import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import java.util.List;
import java.util.Optional;

/** The serving schema: one descriptor per table the pipelines materialise. */
public final class ServingTables {

  /** 5-second sensor statistics, keyed by (device_id, sensor_type, window_start). */
  public static final ServingTable<SensorStats5s> SENSOR_STATS_5S =
      new ServingTable<>(
          "sensor_stats_5s",
          List.of(
              key("device_id", VARCHAR),
              key("sensor_type", VARCHAR),
              key("window_start", TIMESTAMP),
              value("window_end", TIMESTAMP),
              value("count", BIGINT),
              value("mean", DOUBLE),
              value("min", DOUBLE),
              value("max", DOUBLE),
              value("revision", INTEGER)),
          "window_start",
          "revision",
          r ->
              new Object[] {
                r.deviceId(),
                r.sensorType().wireName(),
                r.windowStart(),
                r.windowEnd(),
                r.count(),
                r.mean(),
                r.min(),
                r.max(),
                r.revision()
              });

  /** 1-minute sliding standard deviation, keyed by (device_id, sensor_type, window_start). */
  public static final ServingTable<SensorStddev1m> SENSOR_STDDEV_1M =
      new ServingTable<>(
          "sensor_stddev_1m",
          List.of(
              key("device_id", VARCHAR),
              key("sensor_type", VARCHAR),
              key("window_start", TIMESTAMP),
              value("window_end", TIMESTAMP),
              value("count", BIGINT),
              value("mean", DOUBLE),
              value("stddev", DOUBLE),
              value("revision", INTEGER)),
          "window_start",
          "revision",
          r ->
              new Object[] {
                r.deviceId(),
                r.sensorType().wireName(),
                r.windowStart(),
                r.windowEnd(),
                r.count(),
                r.mean(),
                r.stddev(),
                r.revision()
              });

  /** Anomalous 5-second means, keyed by (device_id, sensor_type, window_start). */
  public static final ServingTable<SensorAnomaly> SENSOR_ANOMALIES =
      new ServingTable<>(
          "sensor_anomalies",
          List.of(
              key("device_id", VARCHAR),
              key("sensor_type", VARCHAR),
              key("window_start", TIMESTAMP),
              value("window_end", TIMESTAMP),
              value("value", DOUBLE),
              value("baseline_mean", DOUBLE),
              value("baseline_stddev", DOUBLE),
              value("z", DOUBLE)),
          "window_start",
          null,
          r ->
              new Object[] {
                r.deviceId(),
                r.sensorType().wireName(),
                r.windowStart(),
                r.windowEnd(),
                r.value(),
                r.baselineMean(),
                r.baselineStddev(),
                r.z()
              });

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

  /** Deduplicated fraud alerts, keyed by alert_id ({@code <RULE>:<transaction_id>}). */
  public static final ServingTable<FraudAlert> FRAUD_ALERTS =
      new ServingTable<>(
          "fraud_alerts",
          List.of(
              key("alert_id", VARCHAR),
              value("rule", VARCHAR),
              value("severity", VARCHAR),
              value("transaction_id", VARCHAR),
              value("customer_id", VARCHAR),
              value("event_time", TIMESTAMP),
              value("detected_at", TIMESTAMP),
              value("details", JSON)),
          "event_time",
          null,
          a ->
              new Object[] {
                a.alertId(),
                a.rule().name(),
                a.severity().name(),
                a.transactionId(),
                a.customerId(),
                a.eventTime(),
                a.detectedAt(),
                JsonText.alertDetails(a.details())
              });

  /** One decision per valid transaction, keyed by transaction_id. */
  public static final ServingTable<TransactionDecision> TRANSACTION_DECISIONS =
      new ServingTable<>(
          "transaction_decisions",
          List.of(
              key("transaction_id", VARCHAR),
              value("customer_id", VARCHAR),
              value("decision", VARCHAR),
              value("rules_fired", JSON),
              value("event_time", TIMESTAMP),
              value("decided_at", TIMESTAMP)),
          "event_time",
          null,
          d ->
              new Object[] {
                d.transactionId(),
                d.customerId(),
                d.decision().name(),
                JsonText.stringArray(d.rulesFiredList().stream().map(FraudRule::name).toList()),
                d.eventTime(),
                d.decidedAt()
              });

  /** Every table, in the order the schema creates them. */
  public static final List<ServingTable<?>> ALL =
      List.of(
          SENSOR_STATS_5S,
          SENSOR_STDDEV_1M,
          SENSOR_ANOMALIES,
          REALTIME_REVENUE,
          SESSIONS,
          FRAUD_ALERTS,
          TRANSACTION_DECISIONS);

  private ServingTables() {}

  /** The table with this exact name, if there is one. */
  public static Optional<ServingTable<?>> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
