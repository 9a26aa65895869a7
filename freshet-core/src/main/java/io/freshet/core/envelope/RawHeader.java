package io.freshet.core.envelope;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record header as received; the value may be null and its array is shared, not copied.
 *
 * @param key the header name
 * @param value the raw header bytes, or null
 */
public record RawHeader(String key, byte[] value) {

  public RawHeader {
    Objects.requireNonNull(key, "key");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawHeader h && key.equals(h.key) && Arrays.equals(value, h.value);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "RawHeader[" + key + ", " + (value == null ? "null" : value.length + " bytes") + "]";
  }
}
