package io.freshet.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.freshet.core.time.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeParseException;

/**
 * The JSON machinery every codec of Freshet's output records shares: one mapper configured once,
 * documents written field by field with a streaming generator, and documents read as a tree with
 * errors that name the problem.
 */
public final class Json {
  /**
   * The shared mapper; unknown fields are ignored so a reader keeps working when a writer adds a
   * field.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** The factory of {@link #MAPPER}. */
  public static final JsonFactory FACTORY = MAPPER.getFactory();

  private Json() {}

  /**
   * Writes the fields of one value to a generator.
   *
   * @param <T> the type of the value
   */
  @FunctionalInterface
  public interface DocumentWriter<T> {
    /** Writes {@code value} as one complete JSON document. */
    void write(JsonGenerator json, T value) throws IOException;
  }

  /**
   * The UTF-8 bytes of the document {@code writer} writes for {@code value}.
   *
   * <p>Written field by field rather than through a tree: the same bytes, a fraction of the
   * garbage. A static method reference as {@code writer} captures nothing, so a call allocates only
   * the generator and the result.
   */
  public static <T> byte[] write(T value, DocumentWriter<T> writer) {
    DocumentBytes bytes = new DocumentBytes();
    try (JsonGenerator json = MAPPER.createGenerator(bytes)) {
      writer.write(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise " + value, e);
    }
    return bytes.toByteArray();
  }

  /**
   * Parses a JSON object.
   *
   * @param what what the bytes should be, for the error message ("alert", "late event" …)
   * @throws IllegalArgumentException when the bytes are not valid JSON or not an object
   */
  public static JsonNode readObject(byte[] bytes, String what) {
    if (bytes == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not valid JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(what + " is not a JSON object");
    }
    return root;
  }

  /**
   * A required string field.
   *
   * @throws IllegalArgumentException when the field is missing or not a string
   */
  public static String text(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("field " + name + " is missing or not a string");
    }
    return node.textValue();
  }

  /**
   * A required ISO-8601 UTC timestamp field, as epoch milliseconds.
   *
   * @throws IllegalArgumentException when the field is missing, not a string or not a timestamp
   */
  public static long time(JsonNode parent, String name) {
    String text = text(parent, name);
    try {
      return Timestamps.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field " + name + " is not a timestamp: " + text, e);
    }
  }
}
