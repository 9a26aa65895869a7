package io.freshet.core.envelope;

import static io.freshet.core.testing.TestEvents.bytes;
import static io.freshet.core.testing.TestEvents.validTransactionEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Which envelopes the streaming path accepts itself, and that it defers everything else. */
class EnvelopeReaderStreamingTest {
  final EnvelopeReader reader =
      new EnvelopeReader("transaction.initiated", EnvelopeReader.DEFAULT_MAX_VALUE_BYTES);

  /** Skips a non-empty payload and tells which path produced the result. */
  static final StreamingPayloadReader<String, String> PATH =
      new StreamingPayloadReader<>() {
        @Override
        public String readPayload(JsonParser parser) throws java.io.IOException {
          int fields = 0;
          while (parser.nextFieldName() != null) {
            parser.nextToken();
            parser.skipChildren();
            fields++;
          }
          return fields > 0 ? "payload" : null;
        }

        @Override
        public String build(String eventId, long timestamp, String payload) {
          return "streamed " + eventId + " " + timestamp;
        }

        @Override
        public String fromEnvelope(Envelope envelope) {
          return "tree " + envelope.eventId() + " " + envelope.timestamp();
        }
      };

  @Test
  void validEnvelopesAreStreamed() {
    long noon = reader.read(bytes(validTransactionEnvelope())).timestamp();
    assertStreamed(env -> {}, "streamed evt-0001 " + noon);
    assertStreamed(env -> env.remove("metadata"), "streamed evt-0001 " + noon);
    assertStreamed(env -> env.putNull("metadata"), "streamed evt-0001 " + noon);
    assertStreamed(env -> env.putNull("source"), "streamed evt-0001 " + noon);
    assertStreamed(
        env -> ((ObjectNode) env.get("metadata")).remove("schema_version"),
        "streamed evt-0001 " + noon);
    assertStreamed(
        env -> env.putObject("unknown").putArray("a").add(1).addObject().put("b", "c"),
        "streamed evt-0001 " + noon);
    assertStreamed(
        env -> env.put("timestamp", "2026-11-26T13:00:00+01:00"), "streamed evt-0001 " + noon);
  }

  @Test
  void unusualButValidEnvelopesGoToTheTree() {
    // A JSON null event_type or payload is rejected by the tree; a repeated field is decided by
    // its last value there, so the stream defers when an earlier one is invalid.
    byte[] repeated =
        new String(bytes(validTransactionEnvelope()), java.nio.charset.StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"event_id\":17,")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(reader.read(repeated, PATH)).startsWith("tree evt-0001 ");
  }

  @Test
  void invalidEnvelopesFailExactlyAsTheTreeReaderFails() {
    assertSameFailure(env -> env.remove("event_id"));
    assertSameFailure(env -> env.put("event_type", "other"));
    assertSameFailure(env -> env.put("timestamp", "yesterday"));
    assertSameFailure(env -> env.put("timestamp", 5));
    assertSameFailure(env -> ((ObjectNode) env.get("metadata")).put("schema_version", "3.0"));
    assertSameFailure(env -> env.putObject("payload"));
    assertSameFailure(env -> env.put("source", 1));
  }

  private void assertStreamed(Consumer<ObjectNode> change, String expected) {
    ObjectNode env = validTransactionEnvelope();
    change.accept(env);
    assertThat(reader.read(bytes(env), PATH)).isEqualTo(expected);
  }

  private void assertSameFailure(Consumer<ObjectNode> change) {
    ObjectNode env = validTransactionEnvelope();
    change.accept(env);
    byte[] value = bytes(env);
    InvalidEventException tree =
        catchThrowableOfType(InvalidEventException.class, () -> reader.read(value));
    InvalidEventException streamed =
        catchThrowableOfType(InvalidEventException.class, () -> reader.read(value, PATH));
    assertThat(tree).isNotNull();
    assertThat(streamed).isNotNull();
    assertThat(streamed.errorType()).isEqualTo(tree.errorType());
    assertThat(streamed.field()).isEqualTo(tree.field());
    assertThat(streamed.getMessage()).isEqualTo(tree.getMessage());
  }
}
