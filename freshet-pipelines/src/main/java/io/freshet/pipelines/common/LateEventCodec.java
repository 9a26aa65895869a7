package io.freshet.pipelines.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.time.Timestamps;
import io.freshet.pipelines.topic.TopicCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON of the {@code late-events} topic, shared by every windowed pipeline. */
public final class LateEventCodec implements TopicCodec<LateEvent> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public byte[] encode(LateEvent e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("pipeline", e.pipeline());
    n.put("event_id", e.eventId());
    n.put("key", e.key());
    n.put("event_time", Timestamps.format(e.eventTime()));
    n.put("window_start", Timestamps.format(e.windowStart()));
    n.put("window_end", Timestamps.format(e.windowEnd()));
    n.put("watermark", Timestamps.format(e.watermark()));
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Override
  public LateEvent decode(byte[] bytes) {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      return new LateEvent(
          n.path("pipeline").asText(),
          n.path("event_id").asText(),
          n.path("key").asText(),
          Timestamps.parse(n.path("event_time").asText()),
          Timestamps.parse(n.path("window_start").asText()),
          Timestamps.parse(n.path("window_end").asText()),
          Timestamps.parse(n.path("watermark").asText()));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a late-event record", e);
    }
  }
}
