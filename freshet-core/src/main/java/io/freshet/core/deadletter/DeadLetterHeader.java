package io.freshet.core.deadletter;

import io.freshet.core.envelope.RawHeader;
import java.util.Objects;

/**
 * A record header kept in a dead letter, its value as text in the named encoding.
 *
 * @param key the header name
 * @param value the header value as text, or null when the header had no value
 * @param encoding {@code utf-8} or {@code base64}, or null when value is null
 */
public record DeadLetterHeader(String key, String value, String encoding) {

  public DeadLetterHeader {
    Objects.requireNonNull(key, "key");
    ByteText.check(value, encoding, "header " + key);
  }

  /** Keeps a received header losslessly. */
  public static DeadLetterHeader of(RawHeader header) {
    ByteText.Encoded encoded = ByteText.encode(header.value());
    return new DeadLetterHeader(header.key(), encoded.text(), encoded.encoding());
  }

  /** The exact original header bytes, or null. */
  public byte[] valueBytes() {
    return ByteText.decode(value, encoding);
  }
}
