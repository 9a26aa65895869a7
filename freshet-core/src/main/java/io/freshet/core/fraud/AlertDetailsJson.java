package io.freshet.core.fraud;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.geo.GeoPoint;
import io.freshet.core.json.Json;
import java.io.IOException;

/**
 * The one JSON shape of {@link AlertDetails}, shared by the alert and decision codecs and the
 * serving store's JSON column.
 */
public final class AlertDetailsJson {
  private AlertDetailsJson() {}

  /** The details as JSON text; null for null. */
  public static String text(AlertDetails details) {
    if (details == null) {
      return null;
    }
    return new String(
        Json.write(details, AlertDetailsJson::write), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Writes the details as an object; fields that do not apply to the rule are omitted. */
  static void write(JsonGenerator json, AlertDetails details) throws IOException {
    json.writeStartObject();
    if (details.count() != null) {
      json.writeNumberField("count", details.count().intValue());
    }
    writeIfPresent(json, "distance_km", details.distanceKm());
    writeIfPresent(json, "minutes", details.minutes());
    writeIfPresent(json, "amount", details.amount());
    writeIfPresent(json, "mean", details.mean());
    point(json, "from", details.from());
    point(json, "to", details.to());
    json.writeEndObject();
  }

  /** Reads an object written by {@link #write}; null for a missing or null node. */
  static AlertDetails read(JsonNode d) {
    if (d == null || d.isNull()) {
      return null;
    }
    if (!d.isObject()) {
      throw new IllegalArgumentException("details is not an object");
    }
    return new AlertDetails(
        d.hasNonNull("count") ? d.get("count").intValue() : null,
        optionalDouble(d, "distance_km"),
        optionalDouble(d, "minutes"),
        optionalDouble(d, "amount"),
        optionalDouble(d, "mean"),
        point(d.get("from")),
        point(d.get("to")));
  }

  private static void point(JsonGenerator json, String name, GeoPoint point) throws IOException {
    if (point != null) {
      json.writeObjectFieldStart(name);
      json.writeNumberField("lat", point.lat());
      json.writeNumberField("lon", point.lon());
      json.writeEndObject();
    }
  }

  private static GeoPoint point(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    Double lat = optionalDouble(node, "lat");
    Double lon = optionalDouble(node, "lon");
    if (lat == null || lon == null) {
      throw new IllegalArgumentException("details point needs lat and lon");
    }
    return new GeoPoint(lat, lon);
  }

  private static void writeIfPresent(JsonGenerator json, String name, Double value)
      throws IOException {
    if (value != null) {
      json.writeNumberField(name, value.doubleValue());
    }
  }

  private static Double optionalDouble(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw new IllegalArgumentException("details field " + name + " is not a number");
    }
    return node.doubleValue();
  }
}
