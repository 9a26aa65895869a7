package io.freshet.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryResultTest {
  private static final QueryResult RESULT =
      new QueryResult(
          List.of("geo_country", "window_start", "revenue", "order_count", "mean", "tags"),
          List.of(
              Arrays.asList(
                  "DE",
                  "2026-11-26T12:00:00.000Z",
                  new BigDecimal("1234.500000000"),
                  12L,
                  1.0E7,
                  List.of("a", "b")),
              Arrays.asList("FR", null, new BigDecimal("0.010000000"), 3L, 2.5, List.of())),
          false);

  @Test
  void printsAPlainTextTable() {
    // When the result is printed, Then numbers are right-aligned and plain, null is NULL
    assertThat(RESULT.toTable())
        .isEqualTo(
            "geo_country | window_start             | revenue | order_count |     mean | tags\n"
                + "------------+--------------------------+---------+-------------+----------+-------\n"
                + "DE          | 2026-11-26T12:00:00.000Z |  1234.5 |          12 | 10000000 | [a, b]\n"
                + "FR          | NULL                     |    0.01 |           3 |      2.5 | []\n"
                + "(2 rows)\n");
  }

  @Test
  void printsJsonWithColumnsAndRows() {
    // When the result is written as JSON, Then numbers are plain and lists are arrays
    assertThat(RESULT.toJson())
        .isEqualTo(
            "{\"columns\":[\"geo_country\",\"window_start\",\"revenue\",\"order_count\",\"mean\","
                + "\"tags\"],\"rows\":[[\"DE\",\"2026-11-26T12:00:00.000Z\",1234.5,12,10000000,"
                + "[\"a\",\"b\"]],[\"FR\",null,0.01,3,2.5,[]]],\"truncated\":false}");
  }

  @Test
  void printsJsonRecords() {
    // When the rows are written as records, Then each is an object in column order
    assertThat(RESULT.toJsonRecords())
        .isEqualTo(
            "[{\"geo_country\":\"DE\",\"window_start\":\"2026-11-26T12:00:00.000Z\","
                + "\"revenue\":1234.5,\"order_count\":12,\"mean\":10000000,\"tags\":[\"a\",\"b\"]},"
                + "{\"geo_country\":\"FR\",\"window_start\":null,\"revenue\":0.01,"
                + "\"order_count\":3,\"mean\":2.5,\"tags\":[]}]");
  }

  @Test
  void resultSurvivesATripThroughJsonUnchangedInPrint() {
    // When a result is sent as JSON and read back (as the CLI gets it over HTTP)
    QueryResult remote = QueryResult.fromJson(RESULT.toJson());

    // Then it prints exactly like the original
    assertThat(remote.toTable()).isEqualTo(RESULT.toTable());
    assertThat(remote.toJson()).isEqualTo(RESULT.toJson());
    assertThat(remote.truncated()).isFalse();
  }

  @Test
  void truncatedResultSaysSo() {
    // Given a truncated single-row result
    QueryResult result = new QueryResult(List.of("n"), List.of(List.of(1L)), true);

    // When printed, Then the footer says it was truncated
    assertThat(result.toTable()).isEqualTo("n\n-\n1\n(1 row, truncated)\n");
  }
}
