package io.freshet.testkit.windows;

import java.nio.charset.StandardCharsets;

/**
 * A planted invalid record: its bytes and the dead-letter error type it must get.
 *
 * @param key the Kafka key
 * @param value the record value
 * @param errorType the expected {@code error_type}, e.g. {@code INVALID_FIELD}
 */
public record Malformed(byte[] key, byte[] value, String errorType) {
  /** A malformed record from text. */
  public static Malformed of(String key, String value, String errorType) {
    return new Malformed(
        key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), errorType);
  }
}
