package io.freshet.serving;

import static io.freshet.serving.TestRows.T0;
import static io.freshet.serving.TestRows.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorType;
import io.freshet.pipelines.clickstream.ClickstreamTables;
import io.freshet.pipelines.fraud.FraudTables;
import io.freshet.pipelines.iot.IotTables;
import io.freshet.pipelines.plugin.PipelineCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * View queries and the read-only console, run against each store engine by a subclass, on six
 * sensor windows: d-1/pressure at 12:00:00, d-1/temperature at 12:00:00, :05 and :10, d-2/
 * temperature at 12:00:00 and :05.
 */
abstract class StoreQueryContract {
  ServingStore store;
  ViewQuery views;
  SqlConsole console;

  /** The URL of a new, empty store for one test. */
  abstract String newStoreUrl() throws Exception;

  @BeforeEach
  void seed() throws Exception {
    String url = newStoreUrl();
    store = ServingStore.open(url, PipelineCatalog.discovered().tables());
    views = new ViewQuery(store);
    console = new SqlConsole(store);
    try (ServingStoreWriter<SensorStats5s> writer =
        new ServingStoreSink<>(url, IotTables.SENSOR_STATS_5S).createWriter(new SimpleCounter())) {
      writer.write(stats("d-1", T0, 20.0, 0), null);
      writer.write(stats("d-1", T0 + 5_000, 21.0, 0), null);
      writer.write(stats("d-1", T0 + 10_000, 22.0, 1), null);
      writer.write(stats("d-2", T0, 30.0, 0), null);
      writer.write(stats("d-2", T0 + 5_000, 31.0, 0), null);
      writer.write(
          new SensorStats5s("d-1", SensorType.PRESSURE, T0, T0 + 5_000, 2, 1.5, 1.25, 1.75, 0),
          null);
      writer.flush(true);
    }
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  static Map<String, List<String>> params(String... nameValues) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      params.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
    }
    return params;
  }

  /** Each row as device_id/sensor_type@window_start, for compact order assertions. */
  static List<String> keys(ViewResult result) {
    return result.rows().stream()
        .map(r -> r.get("device_id") + "/" + r.get("sensor_type") + "@" + r.get("window_start"))
        .toList();
  }

  @Test
  void viewWithoutParametersListsAllRowsByTimeThenKey() throws Exception {
    // When the view is queried without parameters
    ViewResult result = views.query("sensor_stats_5s", params());

    // Then every row comes in time, then key order, on one page, with JSON-ready values
    assertThat(keys(result))
        .containsExactly(
            "d-1/pressure@2026-11-26T12:00:00.000Z",
            "d-1/temperature@2026-11-26T12:00:00.000Z",
            "d-2/temperature@2026-11-26T12:00:00.000Z",
            "d-1/temperature@2026-11-26T12:00:05.000Z",
            "d-2/temperature@2026-11-26T12:00:05.000Z",
            "d-1/temperature@2026-11-26T12:00:10.000Z");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("device_id", "d-1");
    expected.put("sensor_type", "pressure");
    expected.put("window_start", "2026-11-26T12:00:00.000Z");
    expected.put("window_end", "2026-11-26T12:00:05.000Z");
    expected.put("count", 2L);
    expected.put("mean", 1.5);
    expected.put("min", 1.25);
    expected.put("max", 1.75);
    expected.put("revision", 0);
    assertThat(result.rows().get(0)).containsExactlyEntriesOf(expected);
    assertThat(result.total()).isEqualTo(6);
    assertThat(result.offset()).isEqualTo(0);
    assertThat(result.limit()).isEqualTo(100);
    assertThat(result.nextOffset()).isNull();
  }

  @Test
  void fromIsInclusiveAndToExclusive() throws Exception {
    // When the view is bounded to [12:00:05, 12:00:10)
    ViewResult result =
        views.query(
            "sensor_stats_5s",
            params("from", "2026-11-26T12:00:05Z", "to", "2026-11-26T12:00:10Z"));

    // Then only the 12:00:05 windows match
    assertThat(keys(result))
        .containsExactly(
            "d-1/temperature@2026-11-26T12:00:05.000Z", "d-2/temperature@2026-11-26T12:00:05.000Z");
    assertThat(result.total()).isEqualTo(2);
  }

  @Test
  void keyFiltersAreEqualities() throws Exception {
    // When filtered on device and sensor type
    ViewResult result =
        views.query("sensor_stats_5s", params("device_id", "d-1", "sensor_type", "temperature"));

    // Then only that sensor's windows match
    assertThat(keys(result))
        .containsExactly(
            "d-1/temperature@2026-11-26T12:00:00.000Z",
            "d-1/temperature@2026-11-26T12:00:05.000Z",
            "d-1/temperature@2026-11-26T12:00:10.000Z");
  }

  @Test
  void timestampKeyFilterTakesAnyOffset() throws Exception {
    // When filtered on window_start written with a +01:00 offset
    ViewResult result =
        views.query("sensor_stats_5s", params("window_start", "2026-11-26T13:00:05+01:00"));

    // Then it matches the 12:00:05Z windows
    assertThat(keys(result))
        .containsExactly(
            "d-1/temperature@2026-11-26T12:00:05.000Z", "d-2/temperature@2026-11-26T12:00:05.000Z");
  }

  @Test
  void pagesWithLimitAndOffset() throws Exception {
    // When the rows are read two at a time
    ViewResult first = views.query("sensor_stats_5s", params("limit", "2"));
    ViewResult second = views.query("sensor_stats_5s", params("limit", "2", "offset", "2"));
    ViewResult last = views.query("sensor_stats_5s", params("limit", "2", "offset", "4"));

    // Then the pages tile the rows and say where the next one starts
    assertThat(keys(first))
        .containsExactly(
            "d-1/pressure@2026-11-26T12:00:00.000Z", "d-1/temperature@2026-11-26T12:00:00.000Z");
    assertThat(first.nextOffset()).isEqualTo(2L);
    assertThat(keys(second))
        .containsExactly(
            "d-2/temperature@2026-11-26T12:00:00.000Z", "d-1/temperature@2026-11-26T12:00:05.000Z");
    assertThat(second.nextOffset()).isEqualTo(4L);
    assertThat(keys(last))
        .containsExactly(
            "d-2/temperature@2026-11-26T12:00:05.000Z", "d-1/temperature@2026-11-26T12:00:10.000Z");
    assertThat(last.nextOffset()).isNull();
    assertThat(List.of(first.total(), second.total(), last.total())).containsExactly(6L, 6L, 6L);
  }

  @Test
  void descendingOrderStartsWithTheNewest() throws Exception {
    // When asked newest first
    ViewResult result = views.query("sensor_stats_5s", params("order", "desc", "limit", "3"));

    // Then time and key both descend
    assertThat(keys(result))
        .containsExactly(
            "d-1/temperature@2026-11-26T12:00:10.000Z",
            "d-2/temperature@2026-11-26T12:00:05.000Z",
            "d-1/temperature@2026-11-26T12:00:05.000Z");
  }

  @Test
  void jsonColumnsComeBackParsedAndDecimalsPlain() throws Exception {
    // Given a session, an alert and a revenue row
    String url = store.url();
    try (ServingStoreWriter<SessionRow> sessions =
            new ServingStoreSink<>(url, ClickstreamTables.SESSIONS)
                .createWriter(new SimpleCounter());
        ServingStoreWriter<FraudAlert> alerts =
            new ServingStoreSink<>(url, FraudTables.FRAUD_ALERTS)
                .createWriter(new SimpleCounter());
        ServingStoreWriter<RevenueRow> revenue =
            new ServingStoreSink<>(url, ClickstreamTables.REALTIME_REVENUE)
                .createWriter(new SimpleCounter())) {
      sessions.write(
          new SessionRow(
              "u-1", "web", T0, T0 + 60_000, 3, new String[] {"books", "toys"}, true, 0, false),
          null);
      alerts.write(TestRows.velocityAlert("t-1", "c-1", T0), null);
      revenue.write(
          new RevenueRow(
              "FR",
              "toys",
              T0,
              T0 + 60_000,
              new BigDecimal("50.00"),
              2,
              new BigDecimal("25.00"),
              1,
              0),
          null);
      sessions.flush(false);
      alerts.flush(false);
      revenue.flush(false);
    }

    // When the views are queried
    Map<String, Object> session = views.query("sessions", params()).rows().get(0);
    Map<String, Object> alert =
        views.query("fraud_alerts", params("alert_id", "VELOCITY:t-1")).rows().get(0);
    Map<String, Object> minute =
        views.query("realtime_revenue", params("geo_country", "FR")).rows().get(0);

    // Then JSON text is JSON again, and decimals have no trailing zeros
    assertThat(session.get("categories_viewed")).isEqualTo(List.of("books", "toys"));
    assertThat(alert.get("details")).isEqualTo(Map.of("count", 6));
    assertThat(alert.get("event_time")).isEqualTo("2026-11-26T12:00:00.000Z");
    assertThat(minute.get("revenue")).isEqualTo(new BigDecimal("50"));
    assertThat(minute.get("avg_order_value")).isEqualTo(new BigDecimal("25"));
  }

  @Test
  void resultJsonHasSnakeCaseFieldsInOrder() throws Exception {
    // When a page is turned into the HTTP body
    Map<String, Object> json = views.query("sensor_stats_5s", params("limit", "1")).toJson();

    // Then it has the documented fields
    assertThat(json.keySet())
        .containsExactly("view", "total", "offset", "limit", "next_offset", "rows");
    assertThat(json.get("next_offset")).isEqualTo(1L);
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of(
            "nope",
            params(),
            "unknown view 'nope'; views: fraud_alerts, transaction_decisions, sensor_stats_5s,"
                + " sensor_stddev_1m, sensor_anomalies, realtime_revenue, sessions"),
        Arguments.of(
            "sensor_stats_5s",
            params("colour", "red"),
            "unknown parameter 'colour' for view sensor_stats_5s; filters: from, to, device_id,"
                + " sensor_type, window_start; paging: limit, offset, order"),
        Arguments.of(
            "sensor_stats_5s",
            params("mean", "20"),
            "column 'mean' of view sensor_stats_5s is not a key and cannot be filtered"),
        Arguments.of(
            "sensor_stats_5s",
            params("from", "yesterday"),
            "parameter 'from' must be an ISO-8601 instant with offset, e.g. 2026-11-26T12:00:00Z,"
                + " was 'yesterday'"),
        Arguments.of(
            "sensor_stats_5s",
            params("to", "2026-11-26T12:00:00"),
            "parameter 'to' must be an ISO-8601 instant with offset, e.g. 2026-11-26T12:00:00Z,"
                + " was '2026-11-26T12:00:00'"),
        Arguments.of(
            "sensor_stats_5s",
            params("from", "2026-11-26T12:00:10Z", "to", "2026-11-26T12:00:00Z"),
            "'from' must not be after 'to'"),
        Arguments.of(
            "sensor_stats_5s",
            params("limit", "0"),
            "parameter 'limit' must be between 1 and 1000, was 0"),
        Arguments.of(
            "sensor_stats_5s",
            params("limit", "1001"),
            "parameter 'limit' must be between 1 and 1000, was 1001"),
        Arguments.of(
            "sensor_stats_5s",
            params("limit", "ten"),
            "parameter 'limit' must be an integer, was 'ten'"),
        Arguments.of(
            "sensor_stats_5s",
            params("offset", "-1"),
            "parameter 'offset' must be at least 0, was -1"),
        Arguments.of(
            "sensor_stats_5s",
            params("device_id", "d-1", "device_id", "d-2"),
            "parameter 'device_id' is given more than once"),
        Arguments.of(
            "sensor_stats_5s",
            params("order", "up"),
            "parameter 'order' must be asc or desc, was 'up'"),
        Arguments.of("sensor_stats_5s", params("device_id", ""), "parameter 'device_id' is empty"),
        Arguments.of(
            "sensor_stats_5s",
            params("window_start", "noon"),
            "parameter 'window_start' must be an ISO-8601 instant with offset, e.g."
                + " 2026-11-26T12:00:00Z, was 'noon'"));
  }

  @ParameterizedTest
  @MethodSource("badQueries")
  void badQueryIsRefusedWithItsReason(
      String view, Map<String, List<String>> parameters, String reason) {
    // When a malformed query is made, Then it is refused with the reason
    assertThatThrownBy(() -> views.query(view, parameters))
        .isInstanceOf(BadQueryException.class)
        .hasMessage(reason);
  }

  @Test
  void consoleRunsASelect() throws Exception {
    // When a select is run
    QueryResult result =
        console.query(
            "SELECT device_id, window_start, mean FROM sensor_stats_5s"
                + " WHERE device_id = 'd-2' ORDER BY window_start;");

    // Then columns and rows come back, timestamps as ISO-8601 UTC
    assertThat(result.columns()).containsExactly("device_id", "window_start", "mean");
    assertThat(result.rows())
        .containsExactly(
            List.of("d-2", "2026-11-26T12:00:00.000Z", 30.0),
            List.of("d-2", "2026-11-26T12:00:05.000Z", 31.0));
    assertThat(result.truncated()).isFalse();
  }

  @Test
  void consoleRunsAWithQueryAndPrintsATable() throws Exception {
    // When a query with a CTE is run
    QueryResult result =
        console.query(
            "-- windows per device\n"
                + "WITH t AS (SELECT device_id, COUNT(*) AS n, MAX(mean) AS top"
                + " FROM sensor_stats_5s GROUP BY device_id)"
                + " SELECT * FROM t ORDER BY device_id");

    // Then its rows print as a table
    assertThat(result.rows()).containsExactly(List.of("d-1", 4L, 22.0), List.of("d-2", 2L, 31.0));
    assertThat(result.toTable())
        .isEqualTo(
            "device_id | n | top\n"
                + "----------+---+----\n"
                + "d-1       | 4 |  22\n"
                + "d-2       | 2 |  31\n"
                + "(2 rows)\n");
  }

  @Test
  void consoleTruncatesAtItsRowCap() throws Exception {
    // Given a console returning at most two rows
    SqlConsole small = new SqlConsole(store, 2, 30);

    // When a query has six
    QueryResult result =
        small.query("SELECT device_id FROM sensor_stats_5s ORDER BY device_id, window_start");

    // Then two come back, marked truncated
    assertThat(result.rows()).containsExactly(List.of("d-1"), List.of("d-1"));
    assertThat(result.truncated()).isTrue();
  }

  static Stream<Arguments> refusedStatements() {
    return Stream.of(
        Arguments.of(
            "INSERT INTO sensor_stats_5s (device_id) VALUES ('x')",
            "only SELECT or WITH queries are allowed, not INSERT"),
        Arguments.of(
            "DROP TABLE sensor_stats_5s", "only SELECT or WITH queries are allowed, not DROP"),
        Arguments.of("SELECT 1; DROP TABLE sensor_stats_5s", "only a single statement is allowed"),
        Arguments.of("SELECT 1; SELECT 2", "only a single statement is allowed"),
        Arguments.of(
            "WITH d AS (DELETE FROM sensor_stats_5s RETURNING *) SELECT * FROM d",
            "a query must not contain DELETE (read-only)"),
        Arguments.of(
            "SELECT * INTO copy_of_stats FROM sensor_stats_5s",
            "a query must not contain INTO (read-only)"));
  }

  @ParameterizedTest
  @MethodSource("refusedStatements")
  void consoleRefusesAnythingButOneQueryAndLeavesTheStoreAlone(String sql, String reason)
      throws Exception {
    // When a writing or multiple statement is sent, Then it is refused
    assertThatThrownBy(() -> console.query(sql))
        .isInstanceOf(BadQueryException.class)
        .hasMessage(reason);

    // And the table is unchanged
    assertThat(console.query("SELECT COUNT(*) FROM sensor_stats_5s").rows())
        .containsExactly(List.of(6L));
  }

  @Test
  void consoleReportsTheDatabasesReasonForABadQuery() {
    // When a query names a missing table, Then the database's complaint is the reason
    assertThatThrownBy(() -> console.query("SELECT * FROM no_such_table"))
        .isInstanceOf(BadQueryException.class)
        .hasMessageStartingWith("query failed: ")
        .hasMessageContaining("no_such_table");
  }

  @Test
  void queriesRunConcurrentlyWithTheWritingSink() throws Exception {
    // Given four threads querying while a sink keeps upserting new revisions
    ExecutorService readers = Executors.newFixedThreadPool(4);
    List<Future<Long>> totals = new ArrayList<>();
    try (ServingStoreWriter<SensorStats5s> writer =
        new ServingStoreSink<>(store.url(), IotTables.SENSOR_STATS_5S)
            .createWriter(new SimpleCounter())) {
      for (int reader = 0; reader < 4; reader++) {
        totals.add(
            readers.submit(
                () -> {
                  long seen = 0;
                  for (int i = 0; i < 10; i++) {
                    seen += views.query("sensor_stats_5s", params("device_id", "d-1")).total();
                    seen += console.query("SELECT COUNT(*) FROM sensor_stats_5s").rows().size();
                  }
                  return seen;
                }));
      }

      // When the writer checkpoints ten revisions meanwhile
      for (int revision = 1; revision <= 10; revision++) {
        writer.write(stats("d-2", T0, 30.0 + revision, revision), null);
        writer.flush(false);
      }

      // Then every query succeeded on a consistent table and the last revision is stored
      for (Future<Long> total : totals) {
        assertThat(total.get(60, TimeUnit.SECONDS)).isEqualTo(10 * (4 + 1));
      }
    } finally {
      readers.shutdownNow();
    }
    assertThat(views.query("sensor_stats_5s", params("device_id", "d-2")).rows().get(0))
        .containsEntry("mean", 40.0)
        .containsEntry("revision", 10);
  }
}
