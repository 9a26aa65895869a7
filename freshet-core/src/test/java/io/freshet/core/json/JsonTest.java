package io.freshet.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesADocumentLargerThanTheGeneratorBuffer() {
    String big = "x".repeat(100_000);

    byte[] bytes =
        Json.write(
            big,
            (json, value) -> {
              json.writeStartObject();
              json.writeStringField("v", value);
              json.writeEndObject();
            });

    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"v\":\"" + big + "\"}");
  }

  @Test
  void readsTheFieldsOfAnObject() {
    JsonNode n = Json.readObject(bytes("{\"a\":\"x\",\"t\":\"2026-11-26T12:00:00.000Z\"}"), "doc");

    assertThat(Json.text(n, "a")).isEqualTo("x");
    assertThat(Json.time(n, "t")).isEqualTo(1_795_694_400_000L);
  }

  @Test
  void errorsSayWhatWasExpectedAndWhatIsWrong() {
    assertThatThrownBy(() -> Json.readObject(bytes("{"), "late event"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("late event is not valid JSON");
    assertThatThrownBy(() -> Json.readObject(bytes("[1]"), "late event"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("late event is not a JSON object");
    assertThatThrownBy(() -> Json.readObject(null, "late event"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("late event is null");
    JsonNode n = Json.readObject(bytes("{\"a\":1,\"t\":\"noon\"}"), "doc");
    assertThatThrownBy(() -> Json.text(n, "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field a is missing or not a string");
    assertThatThrownBy(() -> Json.time(n, "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("field t is not a timestamp: noon");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
