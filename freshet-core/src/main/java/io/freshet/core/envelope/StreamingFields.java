package io.freshet.core.envelope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Field checks for streaming reads that mirror {@link JsonFields}; a failed check returns a
 * sentinel (null, false, NaN) so the caller can fall back to the tree-based reader for the error.
 */
public final class StreamingFields {
  private StreamingFields() {}

  /**
   * The text of a string value that is not blank (what {@link JsonFields#requiredString} accepts),
   * else null.
   */
  public static String nonBlankString(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      return null;
    }
    String text = parser.getText();
    return text.isBlank() ? null : text;
  }

  /** True for a string or JSON null: what {@link JsonFields#optionalString} accepts. */
  public static boolean isOptionalString(JsonToken token) {
    return token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NULL;
  }

  /** The text of a string value, null for JSON null; call only when {@link #isOptionalString}. */
  public static String textOrNull(JsonParser parser, JsonToken token) throws IOException {
    return token == JsonToken.VALUE_NULL ? null : parser.getText();
  }

  /**
   * The value of a number token as the tree's number node would give it by {@code doubleValue()},
   * or NaN when the token is not a number or the value is not finite.
   */
  public static double finiteNumber(JsonParser parser, JsonToken token) throws IOException {
    double value;
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      value = parser.getDoubleValue();
    } else if (token == JsonToken.VALUE_NUMBER_INT) {
      // The tree keeps an integer as int, long or BigInteger and converts that to double.
      value =
          switch (parser.getNumberType()) {
            case INT -> parser.getIntValue();
            case LONG -> (double) parser.getLongValue();
            default -> parser.getBigIntegerValue().doubleValue();
          };
    } else {
      return Double.NaN;
    }
    return Double.isFinite(value) ? value : Double.NaN;
  }

  /** Skips the value whose first token is current: a scalar, or a whole object or array. */
  public static void skipValue(JsonParser parser) throws IOException {
    parser.skipChildren();
  }
}
