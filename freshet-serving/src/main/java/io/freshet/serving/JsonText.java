package io.freshet.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.freshet.core.fraud.AlertDetails;
import io.freshet.core.fraud.AlertDetailsJson;
import java.io.UncheckedIOException;
import java.util.List;

/** The JSON text stored in {@link SqlType#JSON} columns, and read back from them. */
public final class JsonText {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private JsonText() {}

  /** A JSON array of strings, in the given order. */
  public static String stringArray(List<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return write(array);
  }

  /**
   * Alert details with the field names of the {@code fraud-alerts} topic ({@code count}, {@code
   * distance_km}, {@code minutes}, {@code amount}, {@code mean}); fields that do not apply to the
   * rule are omitted. Null details give SQL NULL.
   */
  public static String alertDetails(AlertDetails details) {
    return AlertDetailsJson.text(details);
  }

  /**
   * Parses stored JSON text into plain Java values (maps, lists, strings, numbers, booleans) for a
   * JSON response.
   */
  static Object parse(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not valid: " + text, e);
    }
  }

  private static String write(Object json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
