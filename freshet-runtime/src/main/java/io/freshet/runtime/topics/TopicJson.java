package io.freshet.runtime.topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.time.Timestamps;
import io.freshet.runtime.topics.GroupLag.PartitionLag;
import io.freshet.runtime.topics.TopicInfo.PartitionOffsets;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON the topic endpoints answer, in snake_case like the rest of the API; absent values are
 * JSON null so every object of a kind has the same fields.
 */
public final class TopicJson {
  // Never reconfigured after construction, so sharing it is safe.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TopicJson() {}

  /** {@code GET /api/topics}. */
  public static String topics(TopicsReport report) {
    ObjectNode json = MAPPER.createObjectNode();
    ArrayNode topics = json.putArray("topics");
    for (TopicInfo t : report.topics()) {
      ObjectNode n = topics.addObject();
      n.put("name", t.name());
      n.put("partition_count", t.partitions().size());
      n.put("replication_factor", t.replicationFactor());
      n.put("retention_ms", t.retentionMs());
      n.put("cleanup_policy", t.cleanupPolicy());
      n.put("records", t.records());
      n.put("records_per_second", report.recordsPerSecond().get(t.name()));
      ArrayNode partitions = n.putArray("partitions");
      for (PartitionOffsets p : t.partitions()) {
        ObjectNode pn = partitions.addObject();
        pn.put("partition", p.partition());
        pn.put("start_offset", p.startOffset());
        pn.put("end_offset", p.endOffset());
        pn.put("records", p.records());
        pn.put("leader", p.leader());
        pn.put("replicas", p.replicas());
        pn.put("in_sync_replicas", p.inSyncReplicas());
      }
    }
    if (report.rateWindowMs().isPresent()) {
      json.put("rate_window_ms", report.rateWindowMs().getAsLong());
    } else {
      json.putNull("rate_window_ms");
    }
    return write(json);
  }

  /** {@code GET /api/topics/{topic}/messages}. */
  public static String messages(MessagePage page) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("topic", page.topic());
    json.put("isolation", page.isolation().name().toLowerCase(Locale.ROOT));
    offsets(json.putObject("start_offsets"), page.startOffsets());
    offsets(json.putObject("end_offsets"), page.endOffsets());
    ArrayNode messages = json.putArray("messages");
    for (BrowsedMessage m : page.messages()) {
      ObjectNode n = messages.addObject();
      n.put("partition", m.partition());
      n.put("offset", m.offset());
      n.put("timestamp", Timestamps.format(m.timestamp()));
      n.put("key", m.key());
      ArrayNode headers = n.putArray("headers");
      for (BrowsedMessage.Header h : m.headers()) {
        headers.addObject().put("name", h.name()).put("value", h.value());
      }
      n.put("value_type", m.value().type());
      n.set("value", m.value().value());
      n.put("value_bytes", m.value().bytes());
      n.put("truncated", m.value().truncated());
    }
    offsets(json.putObject("next_offsets"), page.nextOffsets());
    json.put("scanned", page.scanned());
    json.put("scan_limit", page.scanLimit());
    json.put("stopped_by", page.stoppedBy().json());
    return write(json);
  }

  /** {@code GET /api/consumer-groups}. */
  public static String groups(Iterable<GroupLag> groups) {
    ObjectNode json = MAPPER.createObjectNode();
    ArrayNode array = json.putArray("groups");
    for (GroupLag g : groups) {
      ObjectNode n = array.addObject();
      n.put("group", g.group());
      n.put("state", g.state());
      n.put("members", g.members());
      n.put("lag", g.totalLag());
      ArrayNode partitions = n.putArray("partitions");
      for (PartitionLag p : g.partitions()) {
        ObjectNode pn = partitions.addObject();
        pn.put("topic", p.topic());
        pn.put("partition", p.partition());
        pn.put("committed", p.committed());
        pn.put("end_offset", p.endOffset());
        pn.put("lag", p.lag());
      }
    }
    return write(json);
  }

  /** An error answer: {@code {"error": message}}. */
  public static String error(String message) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("error", message);
    return write(json);
  }

  private static void offsets(ObjectNode into, Map<Integer, Long> offsets) {
    new TreeMap<>(offsets).forEach((p, o) -> into.put(Integer.toString(p), o));
  }

  private static String write(ObjectNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise topic JSON", e);
    }
  }
}
