package io.freshet.core.clickstream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import java.io.IOException;

/**
 * JSON of the {@code revenue-per-minute} topic, with the field names the issue specifies; amounts
 * are JSON numbers with the scale they were computed with (12.50 stays 12.50).
 */
public final class RevenueRowCodec implements Codec<RevenueRow> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(RevenueRow row) {
    return Json.write(row, RevenueRowCodec::write);
  }

  private static void write(JsonGenerator json, RevenueRow r) throws IOException {
    json.writeStartObject();
    json.writeStringField("geo_country", r.geoCountry());
    json.writeStringField("category", r.category());
    json.writeNumberField("revenue", r.revenue());
    json.writeNumberField("order_count", r.orderCount());
    json.writeNumberField("avg_order_value", r.avgOrderValue());
    json.writeNumberField("unique_buyers", r.uniqueBuyers());
    json.writeStringField("window_start", Timestamps.format(r.windowStart()));
    json.writeStringField("window_end", Timestamps.format(r.windowEnd()));
    json.writeNumberField("revision", r.revision());
    json.writeEndObject();
  }

  @Override
  public RevenueRow decode(byte[] bytes) {
    JsonNode n = Json.readObject(bytes, "revenue row");
    return new RevenueRow(
        Json.text(n, "geo_country"),
        Json.text(n, "category"),
        Json.time(n, "window_start"),
        Json.time(n, "window_end"),
        n.path("revenue").decimalValue(),
        n.path("order_count").asLong(),
        n.path("avg_order_value").decimalValue(),
        n.path("unique_buyers").asLong(),
        n.path("revision").asInt());
  }
}
