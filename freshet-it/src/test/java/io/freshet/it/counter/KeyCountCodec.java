package io.freshet.it.counter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import java.io.IOException;

/** JSON of the {@code key-counts} topic, in the style of every Freshet result codec. */
public final class KeyCountCodec implements Codec<KeyCount> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(KeyCount count) {
    return Json.write(count, KeyCountCodec::write);
  }

  private static void write(JsonGenerator json, KeyCount c) throws IOException {
    json.writeStartObject();
    json.writeStringField("key", c.key());
    json.writeNumberField("count", c.count());
    json.writeStringField("last_event_time", Timestamps.format(c.lastEventTime()));
    json.writeEndObject();
  }

  @Override
  public KeyCount decode(byte[] bytes) {
    JsonNode n = Json.readObject(bytes, "key count");
    long count = n.path("count").asLong();
    return new KeyCount(Json.text(n, "key"), count, Json.time(n, "last_event_time"), (int) count);
  }
}
