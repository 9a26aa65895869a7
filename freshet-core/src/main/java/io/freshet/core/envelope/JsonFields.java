package io.freshet.core.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Typed access to JSON object fields that reports problems as {@link InvalidEventException}. */
public final class JsonFields {
  private JsonFields() {}

  /**
   * Returns the string at {@code path} (its last dot-separated segment is looked up in {@code
   * parent}), rejecting absent, null, empty and blank values as MISSING_FIELD and non-strings as
   * INVALID_FIELD.
   */
  public static String requiredString(ObjectNode parent, String path) {
    JsonNode node = parent.get(lastSegment(path));
    if (isAbsent(node)) {
      throw new InvalidEventException(
          ErrorType.MISSING_FIELD, path, path + " is missing; expected a non-empty string");
    }
    if (!node.isTextual()) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD, path, path + " is " + describe(node) + "; expected a string");
    }
    String text = node.textValue();
    if (text.isBlank()) {
      throw new InvalidEventException(
          ErrorType.MISSING_FIELD, path, path + " is empty; expected a non-empty string");
    }
    return text;
  }

  /**
   * Returns the string at {@code path}, or null when it is absent or JSON null; a non-string value
   * is INVALID_FIELD.
   */
  public static String optionalString(ObjectNode parent, String path) {
    JsonNode node = parent.get(lastSegment(path));
    if (isAbsent(node)) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidEventException(
          ErrorType.INVALID_FIELD, path, path + " is " + describe(node) + "; expected a string");
    }
    return node.textValue();
  }

  /** True when the node is absent from its parent or is JSON null. */
  public static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /** A short phrase naming the JSON type of a node, for error messages ("a number", "an array"). */
  public static String describe(JsonNode node) {
    if (isAbsent(node)) {
      return "null";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case BINARY -> "binary data";
      default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
