package io.freshet.runtime.topics;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Which records a browse returns: an exact key, a header present (or present with a value), and a
 * field of the JSON value present (or with a value); each part is optional and all given parts must
 * hold.
 *
 * @param key the record key as UTF-8 text, or null for any key
 * @param headerName a header the record must carry, or null for any headers
 * @param headerValue the value that header must have as UTF-8 text, or null for any value
 * @param fieldPath the path of the JSON field, one name or array index per element; empty for none
 * @param fieldValue the field's value: a string's text, any other value's JSON text; null for any
 */
public record MessageFilter(
    String key, String headerName, String headerValue, List<String> fieldPath, String fieldValue) {

  /** A filter that keeps every record. */
  public static final MessageFilter NONE = new MessageFilter(null, null, null, List.of(), null);

  public MessageFilter {
    fieldPath = List.copyOf(fieldPath);
  }

  /**
   * Parses the {@code key}, {@code header} ({@code name} or {@code name:value}) and {@code field}
   * ({@code json.path} or {@code json.path:value}) parameters; null or empty ones are left out.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static MessageFilter parse(String key, String header, String field) {
    String headerName = null;
    String headerValue = null;
    if (present(header)) {
      int colon = header.indexOf(':');
      headerName = colon < 0 ? header : header.substring(0, colon);
      headerValue = colon < 0 ? null : header.substring(colon + 1);
      if (headerName.isEmpty()) {
        throw new IllegalArgumentException(
            "header '" + header + "' has no name; expected name or name:value");
      }
    }
    List<String> path = List.of();
    String fieldValue = null;
    if (present(field)) {
      int colon = field.indexOf(':');
      String pathText = colon < 0 ? field : field.substring(0, colon);
      fieldValue = colon < 0 ? null : field.substring(colon + 1);
      path = Arrays.asList(pathText.split("\\.", -1));
      if (pathText.isEmpty() || path.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException(
            "field '"
                + field
                + "' needs a dotted path of names or array indexes, as in customer.id:42");
      }
    }
    return new MessageFilter(present(key) ? key : null, headerName, headerValue, path, fieldValue);
  }

  private static boolean present(String param) {
    return param != null && !param.isEmpty();
  }

  /** Whether the field part is given, so each record's value must be parsed as JSON. */
  public boolean needsJson() {
    return !fieldPath.isEmpty();
  }

  /**
   * Whether a record passes.
   *
   * @param json the value parsed as JSON, asked for only when a field is filtered on; null when the
   *     value is not JSON
   */
  public boolean matches(byte[] recordKey, Headers headers, Supplier<JsonNode> json) {
    if (key != null
        && (recordKey == null || !key.equals(new String(recordKey, StandardCharsets.UTF_8)))) {
      return false;
    }
    if (headerName != null && !hasHeader(headers)) {
      return false;
    }
    return fieldPath.isEmpty() || fieldMatches(json.get());
  }

  private boolean hasHeader(Headers headers) {
    for (Header h : headers.headers(headerName)) {
      if (headerValue == null
          || (h.value() != null
              && headerValue.equals(new String(h.value(), StandardCharsets.UTF_8)))) {
        return true;
      }
    }
    return false;
  }

  private boolean fieldMatches(JsonNode root) {
    JsonNode node = root;
    for (String step : fieldPath) {
      if (node == null) {
        return false;
      }
      node = node.isArray() && isIndex(step) ? node.get(Integer.parseInt(step)) : node.get(step);
    }
    if (node == null) {
      return false;
    }
    return fieldValue == null
        || fieldValue.equals(node.isTextual() ? node.textValue() : node.toString());
  }

  private static boolean isIndex(String step) {
    return step.length() <= 9 && step.chars().allMatch(Character::isDigit);
  }
}
