package io.freshet.serving;

import io.freshet.core.fraud.AlertDetails;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.RuleHit;
import io.freshet.core.fraud.Severity;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.Verdict;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorType;
import io.freshet.core.time.Timestamps;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Fixed test rows and a plain JDBC read-back shared by the store tests. */
final class TestRows {
  static final long T0 = Timestamps.parse("2026-11-26T12:00:00Z");

  private TestRows() {}

  static long at(String iso) {
    return Timestamps.parse(iso);
  }

  static Instant instant(String iso) {
    return Instant.parse(iso);
  }

  static SensorStats5s stats(String device, long windowStart, double mean, int revision) {
    return new SensorStats5s(
        device,
        SensorType.TEMPERATURE,
        windowStart,
        windowStart + 5_000,
        3,
        mean,
        mean - 1,
        mean + 1,
        revision);
  }

  static FraudAlert velocityAlert(String transactionId, String customerId, long eventTime) {
    return new FraudAlert(
        "VELOCITY:" + transactionId,
        FraudRule.VELOCITY,
        Severity.HIGH,
        transactionId,
        customerId,
        eventTime,
        eventTime + 40,
        AlertDetails.velocity(6));
  }

  static TransactionDecision decision(String transactionId, Verdict verdict, FraudRule... rules) {
    RuleHit[] hits = new RuleHit[rules.length];
    for (int i = 0; i < rules.length; i++) {
      hits[i] =
          new RuleHit(
              rules[i],
              switch (rules[i]) {
                case VELOCITY -> AlertDetails.velocity(6);
                case IMPOSSIBLE_TRAVEL -> AlertDetails.travel(1200.5, 30.0);
                case AMOUNT_ANOMALY -> AlertDetails.amount(900.0, 30.0);
              });
    }
    return new TransactionDecision(
        transactionId, "evt-" + transactionId, "c-1", verdict, hits, T0, T0 + 25);
  }

  /**
   * Every row of a query through plain JDBC: TIMESTAMP as {@link Instant} (read as UTC), DECIMAL
   * without trailing zeros, everything else as the driver's object.
   */
  static List<List<Object>> select(ServingStore store, String sql) throws SQLException {
    try (Connection connection = store.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(value(rs, i, meta.getColumnType(i)));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static Object value(ResultSet rs, int i, int type) throws SQLException {
    if (type == Types.TIMESTAMP) {
      LocalDateTime time = rs.getObject(i, LocalDateTime.class);
      return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
    if (type == Types.DECIMAL || type == Types.NUMERIC) {
      BigDecimal decimal = rs.getBigDecimal(i);
      return decimal == null ? null : decimal.stripTrailingZeros();
    }
    return rs.getObject(i);
  }
}
