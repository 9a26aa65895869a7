package io.freshet.core.deadletter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.time.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of a {@link DeadLetter} on the dead-letter topic; null fields are omitted. */
public final class DeadLetterCodec {
  // Jackson caps strings at 20M chars by default; a 10 MiB binary value is ~14M chars of Base64,
  // so the cap is raised well clear of any value a pipeline could have accepted.
  private static final int MAX_STRING_CHARS = 64 << 20;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
                  .build())
          .build();

  private DeadLetterCodec() {}

  /** Serialises a dead letter to UTF-8 JSON. */
  public static byte[] toJson(DeadLetter letter) {
    ObjectNode json = MAPPER.createObjectNode();
    putIfNotNull(json, "original_key", letter.originalKey());
    putIfNotNull(json, "key_encoding", letter.keyEncoding());
    putIfNotNull(json, "original_value", letter.originalValue());
    putIfNotNull(json, "encoding", letter.valueEncoding());
    ArrayNode headers = json.putArray("headers");
    for (DeadLetterHeader header : letter.headers()) {
      ObjectNode h = headers.addObject();
      h.put("key", header.key());
      putIfNotNull(h, "value", header.value());
      putIfNotNull(h, "encoding", header.encoding());
    }
    putIfNotNull(json, "source_topic", letter.sourceTopic());
    json.put("source_partition", letter.sourcePartition());
    json.put("source_offset", letter.sourceOffset());
    json.put("source_timestamp", Timestamps.format(letter.sourceTimestamp()));
    json.put("error_type", letter.errorType().name());
    putIfNotNull(json, "error_field", letter.errorField());
    putIfNotNull(json, "error_message", letter.errorMessage());
    putIfNotNull(json, "stack_trace", letter.stackTrace());
    json.put("failed_at", Timestamps.format(letter.failedAt()));
    putIfNotNull(json, "pipeline", letter.pipeline());
    putIfNotNull(json, "pipeline_version", letter.pipelineVersion());
    json.put("replay_count", letter.replayCount());
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise dead letter", e);
    }
  }

  /**
   * Parses a dead letter written by {@link #toJson}.
   *
   * @throws IllegalArgumentException when the bytes are not such a dead letter
   */
  public static DeadLetter fromJson(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("dead letter is not valid JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("dead letter is not a JSON object");
    }
    List<DeadLetterHeader> headers = new ArrayList<>();
    JsonNode headersNode = root.path("headers");
    if (!headersNode.isMissingNode() && !headersNode.isNull()) {
      if (!headersNode.isArray()) {
        throw new IllegalArgumentException("dead letter headers is not an array");
      }
      for (JsonNode h : headersNode) {
        headers.add(
            new DeadLetterHeader(
                requiredText(h, "headers[].key"), text(h, "value"), text(h, "encoding")));
      }
    }
    try {
      return new DeadLetter(
          text(root, "original_key"),
          text(root, "key_encoding"),
          text(root, "original_value"),
          text(root, "encoding"),
          headers,
          text(root, "source_topic"),
          requiredInt(root, "source_partition"),
          requiredLong(root, "source_offset"),
          requiredInstant(root, "source_timestamp"),
          ErrorType.valueOf(requiredText(root, "error_type")),
          text(root, "error_field"),
          text(root, "error_message"),
          text(root, "stack_trace"),
          requiredInstant(root, "failed_at"),
          text(root, "pipeline"),
          text(root, "pipeline_version"),
          requiredInt(root, "replay_count"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("dead letter has an unparseable timestamp", e);
    }
  }

  private static void putIfNotNull(ObjectNode json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }

  private static String text(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException("dead letter field " + name + " is not a string");
    }
    return node.textValue();
  }

  private static String requiredText(JsonNode parent, String path) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    String value = text(parent, name);
    if (value == null) {
      throw new IllegalArgumentException("dead letter field " + path + " is missing");
    }
    return value;
  }

  private static long requiredLong(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new IllegalArgumentException("dead letter field " + name + " is not an integer");
    }
    return node.longValue();
  }

  private static int requiredInt(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
      throw new IllegalArgumentException("dead letter field " + name + " is not an int");
    }
    return node.intValue();
  }

  private static long requiredInstant(JsonNode parent, String name) {
    return Timestamps.parse(requiredText(parent, name));
  }
}
