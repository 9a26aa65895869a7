package io.freshet.core.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.time.Timestamps;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClickstreamCodecsTest {
  static final long START = Timestamps.parse("2026-11-26T12:00:00.000Z");

  @Test
  void revenueRoundTripsAndKeepsTheScaleOfItsAmounts() {
    RevenueRow row =
        new RevenueRow(
            "ES",
            "books",
            START,
            START + 60_000,
            new BigDecimal("25.00"),
            2,
            new BigDecimal("12.50"),
            2,
            0);
    RevenueRowCodec codec = new RevenueRowCodec();

    assertThat(codec.decode(codec.encode(row))).isEqualTo(row);
    assertThat(new String(codec.encode(row), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"geo_country\":\"ES\",\"category\":\"books\",\"revenue\":25.00,"
                + "\"order_count\":2,\"avg_order_value\":12.50,\"unique_buyers\":2,"
                + "\"window_start\":\"2026-11-26T12:00:00.000Z\","
                + "\"window_end\":\"2026-11-26T12:01:00.000Z\",\"revision\":0}");
  }

  @Test
  void sessionRoundTripsAndHasTheDocumentedText() {
    SessionRow row =
        new SessionRow(
            "u-1",
            "mobile",
            START,
            START + 90_000,
            3,
            new String[] {"books", "games"},
            true,
            2,
            false);
    SessionRowCodec codec = new SessionRowCodec();

    assertThat(codec.decode(codec.encode(row))).isEqualTo(row);
    assertThat(new String(codec.encode(row), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"user_id\":\"u-1\",\"device_type\":\"mobile\",\"events_in_session\":3,"
                + "\"categories_viewed\":[\"books\",\"games\"],\"converted\":true,"
                + "\"session_start\":\"2026-11-26T12:00:00.000Z\","
                + "\"session_end\":\"2026-11-26T12:01:30.000Z\",\"revision\":2,"
                + "\"retracted\":false}");
  }

  @Test
  void aRetractionRoundTrips() {
    SessionRow retraction =
        new SessionRow("u-1", "web", START, START, 0, new String[0], false, 1, true);
    SessionRowCodec codec = new SessionRowCodec();

    assertThat(codec.decode(codec.encode(retraction))).isEqualTo(retraction);
  }
}
