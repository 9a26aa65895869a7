package io.freshet.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.pipelines.clickstream.ClickstreamTables;
import io.freshet.pipelines.fraud.FraudTables;
import io.freshet.pipelines.iot.IotTables;
import io.freshet.pipelines.plugin.PipelineCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServingTablesTest {

  @Test
  void createTableUsesTheNaturalKey() {
    // When the DDL of sensor_stats_5s is generated, Then it is the same for both engines
    assertThat(IotTables.SENSOR_STATS_5S.createTableSql())
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS \"sensor_stats_5s\" (\"device_id\" VARCHAR NOT NULL,"
                + " \"sensor_type\" VARCHAR NOT NULL, \"window_start\" TIMESTAMP NOT NULL,"
                + " \"window_end\" TIMESTAMP, \"count\" BIGINT, \"mean\" DOUBLE PRECISION,"
                + " \"min\" DOUBLE PRECISION, \"max\" DOUBLE PRECISION, \"revision\" INTEGER,"
                + " PRIMARY KEY (\"device_id\", \"sensor_type\", \"window_start\"))");
    List<String> addColumns = IotTables.SENSOR_STATS_5S.addMissingColumnsSql();
    assertThat(SqlDialect.DUCKDB.schemaSql(IotTables.SENSOR_STATS_5S))
        .containsExactlyElementsOf(
            concat(List.of(IotTables.SENSOR_STATS_5S.createTableSql()), addColumns));
    assertThat(SqlDialect.POSTGRESQL.schemaSql(IotTables.SENSOR_STATS_5S))
        .containsExactlyElementsOf(
            concat(
                List.of(IotTables.SENSOR_STATS_5S.createTableSql()),
                addColumns,
                List.of(
                    "CREATE INDEX IF NOT EXISTS \"sensor_stats_5s_window_start_idx\" ON"
                        + " \"sensor_stats_5s\" (\"window_start\")")));
  }

  @Test
  void aTableFromAnOlderReleaseGetsTheColumnsAddedSince() {
    // When the upgrade statements of sensor_stats_5s are generated, Then one per value column
    assertThat(IotTables.SENSOR_STATS_5S.addMissingColumnsSql())
        .first()
        .isEqualTo(
            "ALTER TABLE \"sensor_stats_5s\" ADD COLUMN IF NOT EXISTS \"window_end\" TIMESTAMP");
    assertThat(IotTables.SENSOR_STATS_5S.addMissingColumnsSql()).hasSize(6);
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
  }

  @Test
  void upsertOfARevisionedTableNeverLowersTheRevision() {
    // When the upsert of realtime_revenue is generated, Then it guards on the revision
    assertThat(SqlDialect.DUCKDB.upsertSql(ClickstreamTables.REALTIME_REVENUE))
        .isEqualTo(SqlDialect.POSTGRESQL.upsertSql(ClickstreamTables.REALTIME_REVENUE))
        .isEqualTo(
            "INSERT INTO \"realtime_revenue\" (\"geo_country\", \"category\", \"window_start\","
                + " \"window_end\", \"revenue\", \"order_count\", \"avg_order_value\","
                + " \"unique_buyers\", \"revision\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (\"geo_country\", \"category\", \"window_start\") DO UPDATE SET"
                + " \"window_end\" = excluded.\"window_end\", \"revenue\" = excluded.\"revenue\","
                + " \"order_count\" = excluded.\"order_count\","
                + " \"avg_order_value\" = excluded.\"avg_order_value\","
                + " \"unique_buyers\" = excluded.\"unique_buyers\","
                + " \"revision\" = excluded.\"revision\""
                + " WHERE \"realtime_revenue\".\"revision\" <= excluded.\"revision\"");
  }

  @Test
  void bulkUpsertFromTheStagingTableKeepsTheSameConflictClauseAndRevisionGuard() {
    // When the bulk upsert of realtime_revenue is generated
    String bulk = SqlDialect.DUCKDB.upsertFromStagingSql(ClickstreamTables.REALTIME_REVENUE);

    // Then it reads the writer's staging table and ends exactly as the row upsert does
    String columns =
        "\"geo_country\", \"category\", \"window_start\", \"window_end\", \"revenue\","
            + " \"order_count\", \"avg_order_value\", \"unique_buyers\", \"revision\"";
    String rowUpsert = SqlDialect.DUCKDB.upsertSql(ClickstreamTables.REALTIME_REVENUE);
    assertThat(bulk)
        .isEqualTo(SqlDialect.POSTGRESQL.upsertFromStagingSql(ClickstreamTables.REALTIME_REVENUE))
        .isEqualTo(
            "INSERT INTO \"realtime_revenue\" ("
                + columns
                + ") SELECT "
                + columns
                + " FROM \"freshet_staging_realtime_revenue\""
                + rowUpsert.substring(rowUpsert.indexOf(" ON CONFLICT")))
        .endsWith(" WHERE \"realtime_revenue\".\"revision\" <= excluded.\"revision\"");
  }

  @Test
  void stagingTableHasTheColumnsWithoutTheKeyAndIsTemporary() {
    // When the staging table of transaction_decisions is generated for each engine
    String columns =
        " (\"transaction_id\" VARCHAR, \"customer_id\" VARCHAR, \"decision\" VARCHAR,"
            + " \"rules_fired\" TEXT, \"event_time\" TIMESTAMP, \"decided_at\" TIMESTAMP,"
            + " \"event_id\" VARCHAR, \"details\" TEXT)";

    // Then it is temporary, and on PostgreSQL emptied by every commit
    assertThat(SqlDialect.DUCKDB.stagingTableSql(FraudTables.TRANSACTION_DECISIONS))
        .isEqualTo(
            "CREATE TEMPORARY TABLE IF NOT EXISTS \"freshet_staging_transaction_decisions\""
                + columns);
    assertThat(SqlDialect.POSTGRESQL.stagingTableSql(FraudTables.TRANSACTION_DECISIONS))
        .isEqualTo(
            "CREATE TEMPORARY TABLE IF NOT EXISTS \"freshet_staging_transaction_decisions\""
                + columns
                + " ON COMMIT DELETE ROWS");
  }

  @Test
  void upsertOfAWriteOnceTableAlwaysReplaces() {
    // When the upsert of transaction_decisions is generated, Then it has no revision guard
    assertThat(SqlDialect.POSTGRESQL.upsertSql(FraudTables.TRANSACTION_DECISIONS))
        .endsWith(
            "ON CONFLICT (\"transaction_id\") DO UPDATE SET \"customer_id\" ="
                + " excluded.\"customer_id\", \"decision\" = excluded.\"decision\","
                + " \"rules_fired\" = excluded.\"rules_fired\", \"event_time\" ="
                + " excluded.\"event_time\", \"decided_at\" = excluded.\"decided_at\","
                + " \"event_id\" = excluded.\"event_id\", \"details\" = excluded.\"details\"");
  }

  @Test
  void everyTableHasItsNaturalKeyAndTimeColumn() {
    // When the descriptors are listed, Then keys and time columns are as documented
    assertThat(
            PipelineCatalog.discovered().tables().stream()
                .map(
                    t ->
                        t.name()
                            + " "
                            + t.keyColumns().stream().map(Column::name).toList()
                            + " "
                            + t.timeColumn())
                .toList())
        // In registration order: fraud, IoT, clickstream.
        .containsExactly(
            "fraud_alerts [alert_id] event_time",
            "transaction_decisions [transaction_id] event_time",
            "sensor_stats_5s [device_id, sensor_type, window_start] window_start",
            "sensor_stddev_1m [device_id, sensor_type, window_start] window_start",
            "sensor_anomalies [device_id, sensor_type, window_start] window_start",
            "realtime_revenue [geo_country, category, window_start] window_start",
            "sessions [user_id, device_type, session_start] session_start");
  }

  @Test
  void mapperValueOfTheWrongTypeIsRefused() {
    // Given a descriptor whose mapper gives a String for a BIGINT column
    ServingTable<String> table =
        new ServingTable<>(
            "t",
            List.of(
                Column.key("k", SqlType.VARCHAR),
                Column.value("n", SqlType.BIGINT),
                Column.value("at", SqlType.TIMESTAMP)),
            "at",
            null,
            s -> new Object[] {s, "12", 0L});

    // When a row is mapped, Then the wrong value is refused with its column named
    assertThatThrownBy(() -> table.toColumns("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("t.n takes Long, not String");
  }

  @Test
  void descriptorNeedsATimestampTimeColumn() {
    // When a descriptor names a text column as its time column, Then it is refused
    assertThatThrownBy(
            () ->
                new ServingTable<String>(
                    "t",
                    List.of(Column.key("k", SqlType.VARCHAR)),
                    "k",
                    null,
                    s -> new Object[] {s}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("t: time column must be a TIMESTAMP column");
  }

  @Test
  void unsupportedStoreUrlIsRefused() {
    // When a MySQL URL is given, Then it is refused naming what is supported
    assertThatThrownBy(() -> SqlDialect.forUrl("jdbc:mysql://localhost/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unsupported store URL (want jdbc:duckdb:FILE or jdbc:postgresql://...):"
                + " jdbc:mysql://localhost/db");
  }
}
