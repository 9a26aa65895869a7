package io.freshet.it.counter;

import io.freshet.core.codec.Codec;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.envelope.InvalidEventException;
import java.nio.charset.StandardCharsets;

/** {@code KEY,EPOCH_MILLIS} as UTF-8 text; anything else is an invalid event with its reason. */
public final class CountedEventCodec implements Codec<CountedEvent> {
  private static final long serialVersionUID = 1L;

  @Override
  public byte[] encode(CountedEvent event) {
    return (event.key() + "," + event.eventTime()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public CountedEvent decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidEventException(ErrorType.TOMBSTONE, null, "no value");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    int comma = text.indexOf(',');
    if (comma < 1) {
      throw new InvalidEventException(ErrorType.MISSING_FIELD, "key", "not KEY,EPOCH_MILLIS");
    }
    try {
      return new CountedEvent(text.substring(0, comma), Long.parseLong(text.substring(comma + 1)));
    } catch (NumberFormatException e) {
      throw new InvalidEventException(
          ErrorType.INVALID_TIMESTAMP, "timestamp", "not epoch milliseconds", e);
    }
  }
}
