package io.freshet.serving;

import static io.freshet.serving.TestRows.T0;
import static io.freshet.serving.TestRows.instant;
import static io.freshet.serving.TestRows.select;
import static io.freshet.serving.TestRows.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.fraud.AlertDetails;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.Severity;
import io.freshet.core.fraud.Verdict;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.iot.SensorType;
import io.freshet.pipelines.clickstream.ClickstreamTables;
import io.freshet.pipelines.fraud.FraudTables;
import io.freshet.pipelines.iot.IotTables;
import io.freshet.pipelines.plugin.PipelineCatalog;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the serving sink guarantees, run against each store engine by a subclass: every table
 * round-trips, revisions replace, and a replay after a failure leaves the same table.
 */
abstract class ServingStoreSinkContract {
  private final List<AutoCloseable> resources = new ArrayList<>();
  private String url;
  private ServingStore store;

  /** The URL of a new, empty store for one test. */
  abstract String newStoreUrl() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    url = newStoreUrl();
    store = ServingStore.open(url, PipelineCatalog.discovered().tables());
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    store.close();
  }

  private <T> ServingStoreWriter<T> writer(ServingTable<T> table) throws Exception {
    ServingStoreWriter<T> writer =
        new ServingStoreSink<>(url, table).createWriter(new SimpleCounter());
    resources.add(writer);
    return writer;
  }

  @SafeVarargs
  private <T> void writeAndFlush(ServingStoreWriter<T> writer, T... rows) throws Exception {
    for (T row : rows) {
      writer.write(row, null);
    }
    writer.flush(false);
  }

  @Test
  void schemaHasEveryTableAndOpeningAgainKeepsIt() throws Exception {
    // Given a store whose schema was created, holding one row
    writeAndFlush(writer(IotTables.SENSOR_STATS_5S), stats("d-1", T0, 20.0, 0));

    // When it is opened again (schema creation is idempotent)
    try (ServingStore again = ServingStore.open(url, PipelineCatalog.discovered().tables())) {
      // Then every table exists and the row survived
      assertThat(
              select(
                  again,
                  "SELECT table_name FROM information_schema.tables"
                      + " WHERE table_schema = current_schema() AND table_name IN ('sensor_stats_5s', 'sensor_stddev_1m',"
                      + " 'sensor_anomalies', 'realtime_revenue', 'sessions', 'fraud_alerts',"
                      + " 'transaction_decisions') ORDER BY table_name"))
          .containsExactly(
              List.of("fraud_alerts"),
              List.of("realtime_revenue"),
              List.of("sensor_anomalies"),
              List.of("sensor_stats_5s"),
              List.of("sensor_stddev_1m"),
              List.of("sessions"),
              List.of("transaction_decisions"));
      assertThat(select(again, "SELECT COUNT(*) FROM sensor_stats_5s"))
          .containsExactly(List.of(1L));
    }
  }

  @Test
  void sensorStatsRoundTrip() throws Exception {
    // Given two windows of two sensors
    ServingStoreWriter<SensorStats5s> writer = writer(IotTables.SENSOR_STATS_5S);

    // When they are written and flushed
    writeAndFlush(
        writer,
        new SensorStats5s("d-1", SensorType.TEMPERATURE, T0, T0 + 5_000, 4, 21.5, 20.0, 23.0, 0),
        new SensorStats5s(
            "d-2", SensorType.PRESSURE, T0 + 5_000, T0 + 10_000, 1, 1.5, 1.5, 1.5, 2));

    // Then the table holds exactly them
    assertThat(select(store, "SELECT * FROM sensor_stats_5s ORDER BY device_id"))
        .containsExactly(
            List.of(
                "d-1",
                "temperature",
                instant("2026-11-26T12:00:00Z"),
                instant("2026-11-26T12:00:05Z"),
                4L,
                21.5,
                20.0,
                23.0,
                0),
            List.of(
                "d-2",
                "pressure",
                instant("2026-11-26T12:00:05Z"),
                instant("2026-11-26T12:00:10Z"),
                1L,
                1.5,
                1.5,
                1.5,
                2));
  }

  @Test
  void sensorStddevRoundTrip() throws Exception {
    // Given a 1-minute window with values around 1e6
    ServingStoreWriter<SensorStddev1m> writer = writer(IotTables.SENSOR_STDDEV_1M);

    // When it is written and flushed
    writeAndFlush(
        writer,
        new SensorStddev1m(
            "d-1", SensorType.VIBRATION, T0, T0 + 60_000, 24, 1_000_000.005, 0.005, 1));

    // Then the doubles come back bit for bit
    assertThat(select(store, "SELECT * FROM sensor_stddev_1m"))
        .containsExactly(
            List.of(
                "d-1",
                "vibration",
                instant("2026-11-26T12:00:00Z"),
                instant("2026-11-26T12:01:00Z"),
                24L,
                1_000_000.005,
                0.005,
                1));
  }

  @Test
  void sensorAnomaliesRoundTrip() throws Exception {
    // Given an anomaly
    ServingStoreWriter<SensorAnomaly> writer = writer(IotTables.SENSOR_ANOMALIES);

    // When it is written and flushed
    writeAndFlush(
        writer, new SensorAnomaly("d-9", SensorType.POWER, T0, T0 + 5_000, 80.0, 50.0, 7.5, 4.0));

    // Then the table holds it
    assertThat(select(store, "SELECT * FROM sensor_anomalies"))
        .containsExactly(
            List.of(
                "d-9",
                "power",
                instant("2026-11-26T12:00:00Z"),
                instant("2026-11-26T12:00:05Z"),
                80.0,
                50.0,
                7.5,
                4.0));
  }

  @Test
  void revenueRoundTripKeepsExactDecimals() throws Exception {
    // Given a minute of revenue with fractions of a cent
    ServingStoreWriter<RevenueRow> writer = writer(ClickstreamTables.REALTIME_REVENUE);

    // When it is written and flushed
    writeAndFlush(
        writer,
        new RevenueRow(
            "DE",
            "books",
            T0,
            T0 + 60_000,
            new BigDecimal("100.0050"),
            3,
            new BigDecimal("33.34"),
            2,
            0));

    // Then the amounts are exact
    assertThat(select(store, "SELECT * FROM realtime_revenue"))
        .containsExactly(
            List.of(
                "DE",
                "books",
                instant("2026-11-26T12:00:00Z"),
                instant("2026-11-26T12:01:00Z"),
                new BigDecimal("100.005"),
                3L,
                new BigDecimal("33.34"),
                2L,
                0));
  }

  @Test
  void sessionsRoundTripWithCategoriesAsJsonAndRetraction() throws Exception {
    // Given a live session and a retracted one
    ServingStoreWriter<SessionRow> writer = writer(ClickstreamTables.SESSIONS);
    SessionRow merged =
        new SessionRow(
            "u-1", "mobile", T0, T0 + 600_000, 5, new String[] {"books", "toys"}, true, 1, false);
    SessionRow retracted =
        new SessionRow(
                "u-1", "mobile", T0 + 300_000, T0 + 600_000, 2, new String[0], false, 0, false)
            .retract(1);

    // When they are written and flushed
    writeAndFlush(writer, merged, retracted);

    // Then both rows are there, the retraction marked
    assertThat(select(store, "SELECT * FROM sessions ORDER BY session_start"))
        .containsExactly(
            List.of(
                "u-1",
                "mobile",
                instant("2026-11-26T12:00:00Z"),
                instant("2026-11-26T12:10:00Z"),
                5L,
                "[\"books\",\"toys\"]",
                true,
                1,
                false),
            List.of(
                "u-1",
                "mobile",
                instant("2026-11-26T12:05:00Z"),
                instant("2026-11-26T12:10:00Z"),
                2L,
                "[]",
                false,
                1,
                true));
  }

  @Test
  void fraudAlertsRoundTripWithDetailsAsJson() throws Exception {
    // Given a travel alert and an alert without details
    ServingStoreWriter<FraudAlert> writer = writer(FraudTables.FRAUD_ALERTS);
    FraudAlert travel =
        new FraudAlert(
            "IMPOSSIBLE_TRAVEL:t-1",
            FraudRule.IMPOSSIBLE_TRAVEL,
            Severity.HIGH,
            "t-1",
            "c-1",
            T0,
            T0 + 12,
            AlertDetails.travel(812.5, 12.0));
    FraudAlert bare =
        new FraudAlert(
            "AMOUNT_ANOMALY:t-2",
            FraudRule.AMOUNT_ANOMALY,
            Severity.MEDIUM,
            "t-2",
            "c-2",
            T0 + 1,
            T0 + 2,
            null);

    // When they are written and flushed
    writeAndFlush(writer, travel, bare);

    // Then the details are the topic's JSON, null when absent
    List<Object> bareRow =
        Arrays.asList(
            "AMOUNT_ANOMALY:t-2",
            "AMOUNT_ANOMALY",
            "MEDIUM",
            "t-2",
            "c-2",
            instant("2026-11-26T12:00:00.001Z"),
            instant("2026-11-26T12:00:00.002Z"),
            null);
    assertThat(select(store, "SELECT * FROM fraud_alerts ORDER BY alert_id"))
        .containsExactly(
            bareRow,
            List.of(
                "IMPOSSIBLE_TRAVEL:t-1",
                "IMPOSSIBLE_TRAVEL",
                "HIGH",
                "t-1",
                "c-1",
                instant("2026-11-26T12:00:00Z"),
                instant("2026-11-26T12:00:00.012Z"),
                "{\"distance_km\":812.5,\"minutes\":12.0}"));
  }

  @Test
  void transactionDecisionsRoundTrip() throws Exception {
    // Given a blocked and an approved transaction
    ServingStoreWriter<io.freshet.core.fraud.TransactionDecision> writer =
        writer(FraudTables.TRANSACTION_DECISIONS);

    // When they are written and flushed
    writeAndFlush(
        writer,
        TestRows.decision("t-1", Verdict.BLOCK, FraudRule.VELOCITY, FraudRule.IMPOSSIBLE_TRAVEL),
        TestRows.decision("t-2", Verdict.APPROVE));

    // Then the fired rules are a JSON array in the decision's order, with the numbers behind each
    assertThat(select(store, "SELECT * FROM transaction_decisions ORDER BY transaction_id"))
        .containsExactly(
            List.of(
                "t-1",
                "c-1",
                "BLOCK",
                "[\"VELOCITY\",\"IMPOSSIBLE_TRAVEL\"]",
                instant("2026-11-26T12:00:00Z"),
                instant("2026-11-26T12:00:00.025Z"),
                "evt-t-1",
                "{\"VELOCITY\":{\"count\":6},"
                    + "\"IMPOSSIBLE_TRAVEL\":{\"distance_km\":1200.5,\"minutes\":30.0}}"),
            List.of(
                "t-2",
                "c-1",
                "APPROVE",
                "[]",
                instant("2026-11-26T12:00:00Z"),
                instant("2026-11-26T12:00:00.025Z"),
                "evt-t-2",
                "{}"));
  }

  @Test
  void timestampsAreStoredAsUtcWallClockWhateverTheJvmZone() throws Exception {
    // Given a window starting at 12:00:00.250Z
    ServingStoreWriter<SensorStats5s> writer = writer(IotTables.SENSOR_STATS_5S);

    // When it is written
    writeAndFlush(writer, stats("d-1", T0 + 250, 20.0, 0));

    // Then SQL sees the UTC wall-clock time, so SQL literals and the API agree
    assertThat(
            select(
                store,
                "SELECT CAST(window_start AS VARCHAR) FROM sensor_stats_5s"
                    + " WHERE window_start = TIMESTAMP '2026-11-26 12:00:00.25'"))
        .containsExactly(List.of("2026-11-26 12:00:00.25"));
  }

  @Test
  void rowsBecomeVisibleOnlyAtFlush() throws Exception {
    // Given a written row
    ServingStoreWriter<SensorStats5s> writer = writer(IotTables.SENSOR_STATS_5S);
    writer.write(stats("d-1", T0, 20.0, 0), null);

    // When no flush (checkpoint) has happened yet
    List<List<Object>> before = select(store, "SELECT COUNT(*) FROM sensor_stats_5s");
    writer.flush(false);

    // Then the row appears only with the flush
    assertThat(before).containsExactly(List.of(0L));
    assertThat(select(store, "SELECT COUNT(*) FROM sensor_stats_5s")).containsExactly(List.of(1L));
  }

  @Test
  void laterRevisionReplacesEarlierRowInTheTableAndInTheBuffer() throws Exception {
    // Given revision 0 of a window in the table
    ServingStoreWriter<SensorStats5s> writer = writer(IotTables.SENSOR_STATS_5S);
    writeAndFlush(writer, stats("d-1", T0, 20.0, 0));

    // When revisions 1 and 2 arrive before the next checkpoint
    writer.write(stats("d-1", T0, 21.0, 1), null);
    writer.write(stats("d-1", T0, 22.0, 2), null);
    int buffered = writer.buffered();
    writer.flush(false);

    // Then one row holds revision 2
    assertThat(buffered).isEqualTo(1);
    assertThat(select(store, "SELECT mean, revision FROM sensor_stats_5s"))
        .containsExactly(List.of(22.0, 2));
  }

  @Test
  void olderRevisionNeverReplacesNewerOne() throws Exception {
    // Given revision 2 of a window in the table
    ServingStoreWriter<SensorStats5s> writer = writer(IotTables.SENSOR_STATS_5S);
    writeAndFlush(writer, stats("d-1", T0, 22.0, 2));

    // When a replay writes revision 1 again, and then revision 2 again
    writeAndFlush(writer, stats("d-1", T0, 21.0, 1));
    List<List<Object>> afterOld = select(store, "SELECT mean, revision FROM sensor_stats_5s");
    writeAndFlush(writer, stats("d-1", T0, 22.0, 2));

    // Then the table keeps revision 2 throughout
    assertThat(afterOld).containsExactly(List.of(22.0, 2));
    assertThat(select(store, "SELECT mean, revision FROM sensor_stats_5s"))
        .containsExactly(List.of(22.0, 2));
  }

  @Test
  void flushLargerThanOneStatementUpsertsEveryRowAndKeepsTheRevisionGuard() throws Exception {
    // Given revision 5 of device d-0's window in the table
    ServingStoreWriter<SensorStats5s> writer = writer(IotTables.SENSOR_STATS_5S);
    writeAndFlush(writer, stats("d-0", T0, 22.0, 5));

    // When 250 devices' revision 0 are flushed at once (two full statements and a shorter one)
    for (int i = 0; i < 250; i++) {
      writer.write(stats("d-" + i, T0, i, 0), null);
    }
    writer.flush(false);

    // Then all 250 keys are in the table, d-0 still at revision 5 and the rest at revision 0
    assertThat(select(store, "SELECT mean, revision FROM sensor_stats_5s WHERE device_id = 'd-0'"))
        .containsExactly(List.of(22.0, 5));
    assertThat(select(store, "SELECT device_id FROM sensor_stats_5s WHERE revision = 0"))
        .hasSize(249);
    assertThat(select(store, "SELECT mean FROM sensor_stats_5s WHERE device_id = 'd-249'"))
        .containsExactly(List.of(249.0));
  }

  @Test
  void replayAfterFailureLeavesIdenticalTable() throws Exception {
    // Given a writer that completed checkpoint 1, then flushed part of epoch 2 at a barrier whose
    // checkpoint failed, and buffered more before the task died
    List<SensorStats5s> epoch1 = List.of(stats("d-1", T0, 20.0, 0), stats("d-2", T0, 30.0, 0));
    List<SensorStats5s> epoch2 =
        List.of(
            stats("d-1", T0, 21.0, 1),
            stats("d-3", T0, 40.0, 0),
            stats("d-2", T0 + 5_000, 31.0, 0),
            stats("d-3", T0, 41.0, 1));
    ServingStoreWriter<SensorStats5s> failing = writer(IotTables.SENSOR_STATS_5S);
    for (SensorStats5s row : epoch1) {
      failing.write(row, null);
    }
    failing.flush(false);
    for (SensorStats5s row : epoch2.subList(0, 2)) {
      failing.write(row, null);
    }
    failing.flush(false);
    for (SensorStats5s row : epoch2.subList(2, 4)) {
      failing.write(row, null);
    }
    failing.close();
    resources.remove(failing);
    List<List<Object>> reference = referenceTable(epoch1, epoch2);

    // When a new writer, restored from checkpoint 1, replays epoch 2 and checkpoints
    ServingStoreWriter<SensorStats5s> restored = writer(IotTables.SENSOR_STATS_5S);
    for (SensorStats5s row : epoch2) {
      restored.write(row, null);
    }
    restored.flush(false);

    // Then the table equals that of a run without failure, and a second replay changes nothing
    String all = "SELECT * FROM sensor_stats_5s ORDER BY device_id, window_start";
    assertThat(select(store, all)).isEqualTo(reference);
    writeAndFlush(restored, epoch2.toArray(SensorStats5s[]::new));
    assertThat(select(store, all)).isEqualTo(reference);
    assertThat(reference).hasSize(4);
  }

  /** The table a failure-free run produces, computed in a fresh store of the same engine. */
  private List<List<Object>> referenceTable(List<SensorStats5s> epoch1, List<SensorStats5s> epoch2)
      throws Exception {
    String referenceUrl = newStoreUrl();
    try (ServingStore reference =
            ServingStore.open(referenceUrl, PipelineCatalog.discovered().tables());
        ServingStoreWriter<SensorStats5s> writer =
            new ServingStoreSink<>(referenceUrl, IotTables.SENSOR_STATS_5S)
                .createWriter(new SimpleCounter())) {
      for (SensorStats5s row : epoch1) {
        writer.write(row, null);
      }
      writer.flush(false);
      for (SensorStats5s row : epoch2) {
        writer.write(row, null);
      }
      writer.flush(true);
      return select(reference, "SELECT * FROM sensor_stats_5s ORDER BY device_id, window_start");
    }
  }

  @Test
  void fullBufferIsUpsertedBeforeTheCheckpoint() throws Exception {
    // Given a sink that buffers at most two keys
    ServingStoreWriter<SensorStats5s> writer =
        new ServingStoreSink<>(url, IotTables.SENSOR_STATS_5S, 2).createWriter(new SimpleCounter());
    resources.add(writer);

    // When three keys are written without a flush
    writer.write(stats("d-1", T0, 20.0, 0), null);
    writer.write(stats("d-2", T0, 20.0, 0), null);
    writer.write(stats("d-3", T0, 20.0, 0), null);

    // Then the first two are in the table and the third waits for the checkpoint
    assertThat(select(store, "SELECT device_id FROM sensor_stats_5s ORDER BY device_id"))
        .containsExactly(List.of("d-1"), List.of("d-2"));
    assertThat(writer.buffered()).isEqualTo(1);
  }

  @Test
  void countsUpsertedRows() throws Exception {
    // Given a writer counting on a counter
    SimpleCounter counter = new SimpleCounter();
    ServingStoreWriter<SensorStats5s> writer =
        new ServingStoreSink<>(url, IotTables.SENSOR_STATS_5S).createWriter(counter);
    resources.add(writer);

    // When three rows of two keys are flushed
    writeAndFlush(
        writer, stats("d-1", T0, 20.0, 0), stats("d-1", T0, 21.0, 1), stats("d-2", T0, 1.0, 0));

    // Then two rows were upserted
    assertThat(counter.getCount()).isEqualTo(2);
  }

  @Test
  void rowThatDoesNotFitItsTableFailsAtWrite() throws Exception {
    // Given a table whose mapper gives a key column null
    ServingTable<String> broken =
        new ServingTable<>(
            "sensor_anomalies",
            IotTables.SENSOR_ANOMALIES.columns(),
            "window_start",
            null,
            s -> new Object[] {null, "x", 1L, 2L, 1.0, 1.0, 1.0, 1.0});
    ServingStoreWriter<String> writer =
        new ServingStoreSink<>(url, broken).createWriter(new SimpleCounter());
    resources.add(writer);

    // When a row is written, Then it is refused with the column named
    assertThatThrownBy(() -> writer.write("row", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sensor_anomalies.device_id is a key, not null");
  }

  /**
   * A table with a column of every {@link SqlType}, a two-column key and a revision, written as
   * plain column arrays.
   */
  private static final ServingTable<Object[]> ALL_TYPES =
      new ServingTable<>(
          "all_types",
          List.of(
              Column.key("k", SqlType.VARCHAR),
              Column.key("ts", SqlType.TIMESTAMP),
              Column.value("s", SqlType.VARCHAR),
              Column.value("n", SqlType.BIGINT),
              Column.value("i", SqlType.INTEGER),
              Column.value("d", SqlType.DOUBLE),
              Column.value("m", SqlType.DECIMAL),
              Column.value("b", SqlType.BOOLEAN),
              Column.value("t", SqlType.TIMESTAMP),
              Column.value("j", SqlType.JSON),
              Column.value("revision", SqlType.INTEGER)),
          "ts",
          "revision",
          row -> row.clone());

  /** Awkward values of every type, and a row of nulls, each under its own key. */
  private static List<Object[]> awkwardRows() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {"nulls", T0, null, null, null, null, null, null, null, null, 0});
    rows.add(
        new Object[] {
          "text",
          T0,
          "tab\there new\nline cr\rx back\\slash quote'\" \\N NULL ü€😀",
          0L,
          0,
          0.0,
          new BigDecimal("0"),
          false,
          T0,
          "{\"k\":\"a\\\"b\\\\c\\n\",\"u\":\"ü😀\"}",
          1
        });
    rows.add(new Object[] {"", T0, "", 1L, 1, 1.0, BigDecimal.ONE, true, T0, "[]", 2});
    rows.add(
        new Object[] {
          "max",
          T0,
          "NULL",
          Long.MAX_VALUE,
          Integer.MAX_VALUE,
          Double.MAX_VALUE,
          new BigDecimal("12345678901234567890123456789.123456789"),
          true,
          instant("9999-12-31T23:59:59.999Z").toEpochMilli(),
          "{}",
          Integer.MAX_VALUE
        });
    rows.add(
        new Object[] {
          "min",
          T0,
          "\\N",
          Long.MIN_VALUE,
          Integer.MIN_VALUE,
          -Double.MAX_VALUE,
          new BigDecimal("-12345678901234567890123456789.123456789"),
          false,
          instant("1969-12-31T23:59:59.999Z").toEpochMilli(),
          "null",
          Integer.MIN_VALUE
        });
    rows.add(
        new Object[] {
          "tiny",
          T0 - 1,
          "x",
          -1L,
          -1,
          Double.MIN_VALUE,
          new BigDecimal("0.0000000005"),
          true,
          instant("0999-01-02T03:04:05.006Z").toEpochMilli(),
          "1",
          3
        });
    rows.add(
        new Object[] {
          "tiny",
          T0 + 250,
          "y",
          2L,
          2,
          -0.0,
          new BigDecimal("-0.0000000005"),
          false,
          instant("0001-01-01T00:00:00Z").toEpochMilli(),
          "\"s\"",
          4
        });
    rows.add(
        new Object[] {
          "special", T0, "z", 3L, 3, Double.NaN, new BigDecimal("100.0050"), true, 0L, "true", 5
        });
    rows.add(
        new Object[] {
          "special",
          T0 + 1,
          "z",
          3L,
          3,
          Double.POSITIVE_INFINITY,
          new BigDecimal("1.23456789012"),
          true,
          -1L,
          "false",
          6
        });
    rows.add(
        new Object[] {
          "special",
          T0 + 2,
          "z",
          3L,
          3,
          Double.NEGATIVE_INFINITY,
          new BigDecimal("0.1"),
          true,
          1L,
          "0.5",
          7
        });
    rows.add(
        new Object[] {"pi", T0, "π", 31L, 314, Math.PI, new BigDecimal("3.14"), true, T0, null, 8});
    return rows;
  }

  /**
   * The rows written the way the sink wrote them before its bulk path: one bound {@link
   * SqlDialect#upsertSql(ServingTable)} per row, values bound as the old writer bound them.
   */
  private static void upsertBoundRowByRow(
      ServingStore target, ServingTable<?> table, List<Object[]> rows) throws Exception {
    try (Connection connection = target.connect();
        PreparedStatement upsert = connection.prepareStatement(target.dialect().upsertSql(table))) {
      for (Object[] values : rows) {
        for (int i = 0; i < values.length; i++) {
          SqlType type = table.columns().get(i).type();
          Object value = values[i];
          if (value == null) {
            upsert.setNull(i + 1, type.jdbcType());
            continue;
          }
          switch (type) {
            case VARCHAR, JSON -> upsert.setString(i + 1, (String) value);
            case BIGINT -> upsert.setLong(i + 1, (Long) value);
            case INTEGER -> upsert.setInt(i + 1, (Integer) value);
            case DOUBLE -> upsert.setDouble(i + 1, (Double) value);
            case DECIMAL -> upsert.setBigDecimal(i + 1, (BigDecimal) value);
            case BOOLEAN -> upsert.setBoolean(i + 1, (Boolean) value);
            case TIMESTAMP -> upsert.setObject(i + 1, ServingStoreWriter.utc((Long) value));
          }
        }
        upsert.executeUpdate();
      }
    }
  }

  @Test
  void bulkFlushStoresEveryTypeExactlyAsBoundParametersDo() throws Exception {
    // Given awkward values of every column type, and nulls
    List<Object[]> rows = awkwardRows();

    // When the sink flushes them in bulk, and a second store of the same engine gets them as
    // bound statement parameters, one row at a time
    ServingStoreWriter<Object[]> writer = writer(ALL_TYPES);
    for (Object[] row : rows) {
      writer.write(row, null);
    }
    writer.flush(false);
    String boundUrl = newStoreUrl();
    List<List<Object>> bound;
    try (ServingStore reference = ServingStore.open(boundUrl, List.of(ALL_TYPES))) {
      upsertBoundRowByRow(reference, ALL_TYPES, rows);
      bound = select(reference, "SELECT * FROM all_types ORDER BY k, ts");
    }

    // Then both tables hold the same values, bit for bit
    List<List<Object>> bulk = select(store, "SELECT * FROM all_types ORDER BY k, ts");
    assertThat(bulk).hasSize(rows.size()).isEqualTo(bound);
    // And values that could be mangled as text came through intact
    assertThat(select(store, "SELECT s, j, d FROM all_types WHERE k = 'text'"))
        .containsExactly(
            List.of(
                "tab\there new\nline cr\rx back\\slash quote'\" \\N NULL ü€😀",
                "{\"k\":\"a\\\"b\\\\c\\n\",\"u\":\"ü😀\"}",
                0.0));
    assertThat(select(store, "SELECT m FROM all_types WHERE k = 'tiny' ORDER BY ts"))
        .containsExactly(List.of(new BigDecimal("1E-9")), List.of(new BigDecimal("-1E-9")));
    assertThat(
            select(
                store,
                "SELECT COUNT(*) FROM all_types WHERE s IS NULL AND n IS NULL"
                    + " AND i IS NULL AND d IS NULL AND m IS NULL AND b IS NULL AND t IS NULL"
                    + " AND j IS NULL"))
        .containsExactly(List.of(1L));
  }

  @Test
  void decimalWithANegativeScaleIsStored() throws Exception {
    // Given a revenue of 1E+3 (BigDecimal's form of 1000 with a negative scale)
    ServingStoreWriter<RevenueRow> writer = writer(ClickstreamTables.REALTIME_REVENUE);

    // When it is flushed
    writeAndFlush(
        writer,
        new RevenueRow(
            "DE",
            "books",
            T0,
            T0 + 60_000,
            new BigDecimal("1E+3"),
            1,
            new BigDecimal("1E+3"),
            1,
            0));

    // Then it is stored as 1000
    assertThat(select(store, "SELECT revenue, avg_order_value FROM realtime_revenue"))
        .containsExactly(List.of(new BigDecimal("1E+3"), new BigDecimal("1E+3")));
  }

  @Test
  void bulkFlushAppliesNewerAndEqualRevisionsIgnoresOlderOnesAndReplaysIdempotently()
      throws Exception {
    // Given 3,000 windows at revision 1 in the table
    ServingStoreWriter<SensorStats5s> writer = writer(IotTables.SENSOR_STATS_5S);
    for (int i = 0; i < 3_000; i++) {
      writer.write(stats("d-" + i, T0, i, 1), null);
    }
    writer.flush(false);

    // When one flush brings revision 2 of the first thousand, revision 0 of the second, revision
    // 1 again (other values) of the third, and 500 new windows
    List<SensorStats5s> mixed = new ArrayList<>();
    for (int i = 0; i < 3_500; i++) {
      int revision = i < 1_000 ? 2 : i < 2_000 ? 0 : 1;
      mixed.add(stats("d-" + i, T0, 10_000 + i, revision));
    }
    writeAndFlush(writer, mixed.toArray(SensorStats5s[]::new));
    String all = "SELECT device_id, mean, revision FROM sensor_stats_5s ORDER BY device_id";
    List<List<Object>> afterMixed = select(store, all);

    // Then newer and equal revisions replaced the rows, older ones left them, new keys arrived
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 3_500; i++) {
      boolean older = i >= 1_000 && i < 2_000;
      expected.add(
          List.of(
              "d-" + i, older ? (double) i : 10_000.0 + i, older ? 1 : mixed.get(i).revision()));
    }
    expected.sort(java.util.Comparator.comparing(row -> (String) row.get(0)));
    assertThat(afterMixed).isEqualTo(expected);

    // And replaying the same flush, with a new writer as after a restore, changes nothing
    ServingStoreWriter<SensorStats5s> restored = writer(IotTables.SENSOR_STATS_5S);
    writeAndFlush(restored, mixed.toArray(SensorStats5s[]::new));
    writeAndFlush(restored, mixed.toArray(SensorStats5s[]::new));
    assertThat(select(store, all)).isEqualTo(expected);
  }

  @Test
  void failedBulkFlushLeavesTheTableAsItWasAndTheNextWriterStartsClean() throws Exception {
    // Given one committed row
    ServingStoreWriter<RevenueRow> writer = writer(ClickstreamTables.REALTIME_REVENUE);
    writeAndFlush(writer, revenue("DE", BigDecimal.ONE, 0));

    // When a flush of good rows and one the store refuses (40 integer digits do not fit
    // DECIMAL(38, 9)) fails
    writer.write(revenue("DE", BigDecimal.TEN, 1), null);
    writer.write(revenue("FR", BigDecimal.TEN, 0), null);
    writer.write(revenue("US", new BigDecimal("1E+40"), 0), null);
    assertThatThrownBy(() -> writer.flush(false))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("upsert of 3 rows into realtime_revenue failed");

    // Then none of the flush is in the table
    String all = "SELECT geo_country, revenue, revision FROM realtime_revenue ORDER BY geo_country";
    assertThat(select(store, all)).containsExactly(List.of("DE", BigDecimal.ONE, 0));

    // And a new writer (the restarted task) writes the replayed good rows, nothing else
    ServingStoreWriter<RevenueRow> restarted = writer(ClickstreamTables.REALTIME_REVENUE);
    writeAndFlush(restarted, revenue("DE", BigDecimal.TEN, 1), revenue("FR", BigDecimal.TEN, 0));
    assertThat(select(store, all))
        .containsExactly(
            List.of("DE", new BigDecimal("1E+1"), 1), List.of("FR", new BigDecimal("1E+1"), 0));
  }

  private static RevenueRow revenue(String country, BigDecimal amount, int revision) {
    return new RevenueRow(country, "books", T0, T0 + 60_000, amount, 1, amount, 1, revision);
  }

  @Test
  void parallelWritersOfOneTableStageTheirRowsApart() throws Exception {
    // Given two writers of one table, as two parallel sink subtasks with disjoint keys
    ServingStoreWriter<SensorStats5s> first = writer(IotTables.SENSOR_STATS_5S);
    ServingStoreWriter<SensorStats5s> second = writer(IotTables.SENSOR_STATS_5S);

    // When both buffer rows and then flush one after the other, twice
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 1_000; i++) {
        first.write(stats("a-" + i, T0, round, round), null);
        second.write(stats("b-" + i, T0, round, round), null);
      }
      first.flush(false);
      second.flush(false);
    }

    // Then each writer's rows arrived once, at the last revision, and nothing else
    assertThat(
            select(
                store,
                "SELECT SUBSTRING(device_id, 1, 1), COUNT(*), MIN(revision), MAX(revision)"
                    + " FROM sensor_stats_5s GROUP BY 1 ORDER BY 1"))
        .containsExactly(List.of("a", 1_000L, 1, 1), List.of("b", 1_000L, 1, 1));
  }

  @Test
  void stagingTablesAreInvisibleToOtherConnections() throws Exception {
    // Given a writer that flushed through its staging table
    writeAndFlush(writer(IotTables.SENSOR_STATS_5S), stats("d-1", T0, 20.0, 0));

    // When another connection of the store looks for it, Then it does not exist there
    assertThatThrownBy(() -> select(store, "SELECT COUNT(*) FROM freshet_staging_sensor_stats_5s"))
        .isInstanceOf(java.sql.SQLException.class);
  }
}
