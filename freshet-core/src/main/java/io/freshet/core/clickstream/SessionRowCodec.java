package io.freshet.core.clickstream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.codec.Codec;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import java.io.IOException;

/** JSON of the {@code sessions} topic, with the field names the issue specifies. */
public final class SessionRowCodec implements Codec<SessionRow> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(SessionRow row) {
    return Json.write(row, SessionRowCodec::write);
  }

  private static void write(JsonGenerator json, SessionRow s) throws IOException {
    json.writeStartObject();
    json.writeStringField("user_id", s.userId());
    json.writeStringField("device_type", s.deviceType());
    json.writeNumberField("events_in_session", s.eventsInSession());
    json.writeArrayFieldStart("categories_viewed");
    for (String category : s.categoryList()) {
      json.writeString(category);
    }
    json.writeEndArray();
    json.writeBooleanField("converted", s.converted());
    json.writeStringField("session_start", Timestamps.format(s.sessionStart()));
    json.writeStringField("session_end", Timestamps.format(s.sessionEnd()));
    json.writeNumberField("revision", s.revision());
    json.writeBooleanField("retracted", s.retracted());
    json.writeEndObject();
  }

  @Override
  public SessionRow decode(byte[] bytes) {
    JsonNode n = Json.readObject(bytes, "session row");
    JsonNode categoriesNode = n.path("categories_viewed");
    String[] categories = new String[categoriesNode.size()];
    for (int i = 0; i < categories.length; i++) {
      categories[i] = categoriesNode.get(i).asText();
    }
    return new SessionRow(
        Json.text(n, "user_id"),
        Json.text(n, "device_type"),
        Json.time(n, "session_start"),
        Json.time(n, "session_end"),
        n.path("events_in_session").asLong(),
        categories,
        n.path("converted").asBoolean(),
        n.path("revision").asInt(),
        n.path("retracted").asBoolean());
  }
}
