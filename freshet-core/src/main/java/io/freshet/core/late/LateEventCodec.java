package io.freshet.core.late;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import java.io.IOException;

/** JSON of the {@code late-events} topic, shared by every windowed pipeline. */
public final class LateEventCodec implements Codec<LateEvent> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(LateEvent event) {
    return Json.write(event, LateEventCodec::write);
  }

  private static void write(JsonGenerator json, LateEvent e) throws IOException {
    json.writeStartObject();
    json.writeStringField("pipeline", e.pipeline());
    json.writeStringField("event_id", e.eventId());
    json.writeStringField("key", e.key());
    json.writeStringField("event_time", Timestamps.format(e.eventTime()));
    json.writeStringField("window_start", Timestamps.format(e.windowStart()));
    json.writeStringField("window_end", Timestamps.format(e.windowEnd()));
    json.writeStringField("watermark", Timestamps.format(e.watermark()));
    json.writeEndObject();
  }

  @Override
  public LateEvent decode(byte[] bytes) {
    JsonNode n = Json.readObject(bytes, "late event");
    return new LateEvent(
        Json.text(n, "pipeline"),
        Json.text(n, "event_id"),
        Json.text(n, "key"),
        Json.time(n, "event_time"),
        Json.time(n, "window_start"),
        Json.time(n, "window_end"),
        Json.time(n, "watermark"));
  }
}
