package io.freshet.runtime.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.core.time.Timestamps;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON the dead-letter HTTP API answers, in the snake_case field names of the dead letters
 * themselves; absent values are JSON null so every record has the same fields.
 */
public final class DeadLetterJson {
  // Never reconfigured after construction, so sharing it is safe.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DeadLetterJson() {}

  /** A listing: topics read, total, counts by pipeline and error type, then the records. */
  public static String listing(DeadLetterListing listing) {
    ObjectNode json = MAPPER.createObjectNode();
    ArrayNode topics = json.putArray("topics");
    listing.topics().forEach(topics::add);
    json.put("total", listing.total());
    json.put("unreadable", listing.unreadable());
    ArrayNode counts = json.putArray("counts");
    for (DeadLetterCount c : listing.counts()) {
      ObjectNode n = counts.addObject();
      n.put("pipeline", c.pipeline());
      n.put("error_type", c.errorType().name());
      n.put("count", c.count());
    }
    ArrayNode records = json.putArray("records");
    for (DeadLetterSummary r : listing.records()) {
      ObjectNode n = records.addObject();
      n.put("topic", r.topic());
      n.put("partition", r.partition());
      n.put("offset", r.offset());
      n.put("failed_at", Timestamps.format(r.failedAt()));
      n.put("pipeline", r.pipeline());
      n.put("error_type", r.errorType().name());
      n.put("error_field", r.errorField());
      n.put("error_message", r.errorMessage());
      n.put("replay_count", r.replayCount());
      n.put("source_topic", r.sourceTopic());
      n.put("source_partition", r.sourcePartition());
      n.put("source_offset", r.sourceOffset());
      n.put("original_key", r.originalKey());
      n.put("value_preview", r.valuePreview());
    }
    return write(json);
  }

  /** One whole dead letter with its position; {@code dead_letter} is its JSON as stored. */
  public static String entry(DeadLetterEntry entry) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("topic", entry.topic());
    json.put("partition", entry.partition());
    json.put("offset", entry.offset());
    json.put("timestamp", Timestamps.format(entry.timestamp()));
    json.putRawValue(
        "dead_letter",
        new RawValue(new String(DeadLetterCodec.toJson(entry.letter()), StandardCharsets.UTF_8)));
    return write(json);
  }

  /** What a replay sent, where to, and what it skipped with the reason. */
  public static String report(ReplayReport report) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("replayed", report.sent().size());
    ArrayNode sent = json.putArray("sent");
    for (ReplayedRecord r : report.sent()) {
      ObjectNode n = sent.addObject();
      n.put("dlq_topic", r.dlqTopic());
      n.put("dlq_offset", r.dlqOffset());
      n.put("topic", r.topic());
      n.put("partition", r.partition());
      n.put("offset", r.offset());
    }
    ArrayNode skipped = json.putArray("skipped");
    for (ReplaySkip s : report.skipped()) {
      ObjectNode n = skipped.addObject();
      n.put("dlq_topic", s.dlqTopic());
      n.put("dlq_offset", s.dlqOffset());
      n.put("reason", s.reason());
    }
    return write(json);
  }

  /** An error answer: {@code {"error": message}}. */
  public static String error(String message) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("error", message);
    return write(json);
  }

  private static String write(ObjectNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise dead-letter JSON", e);
    }
  }
}
