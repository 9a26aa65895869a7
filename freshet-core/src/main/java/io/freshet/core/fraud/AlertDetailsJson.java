package io.freshet.core.fraud;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** The one JSON shape of {@link AlertDetails}, shared by the alert and decision codecs. */
final class AlertDetailsJson {
  private AlertDetailsJson() {}

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
        optionalDouble(d, "mean"));
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
