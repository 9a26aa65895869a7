package io.freshet.core.envelope;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * One event type's payload reader for {@link EnvelopeReader#read(byte[], StreamingPayloadReader)}:
 * a streaming fast path for well-formed events and the tree-based reader that defines the rules.
 *
 * @param <P> what the streaming payload read yields, combined with the envelope by {@link #build}
 * @param <T> the validated event
 */
public interface StreamingPayloadReader<P, T> {

  /**
   * Reads the payload object from its START_OBJECT (the parser's current token) through its
   * END_OBJECT.
   *
   * <p>Returns null whenever the payload is not plainly valid (a missing, empty, mistyped or
   * out-of-range field, or anything unusual): the caller then reads the whole value with {@link
   * #fromEnvelope}, which reports the problem. It must never accept a payload that {@link
   * #fromEnvelope} would reject, and {@link #build} must then yield what {@link #fromEnvelope}
   * would.
   */
  P readPayload(JsonParser parser) throws IOException;

  /** The event of a valid envelope read on the fast path. */
  T build(String eventId, long timestamp, P payload);

  /**
   * The event of an envelope read into a tree; this is the reference behaviour.
   *
   * @throws InvalidEventException naming the first problem found
   */
  T fromEnvelope(Envelope envelope);
}
