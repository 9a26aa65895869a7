package io.freshet.core.codec;

import java.io.Serializable;

/**
 * Turns values of one type into bytes and back; serialisable so Flink operators and Kafka
 * serialisers can carry it.
 *
 * @param <T> the type of the values
 */
public interface Codec<T> extends Serializable {
  /** The bytes of {@code value}. */
  byte[] encode(T value);

  /**
   * The value these bytes encode.
   *
   * @throws IllegalArgumentException when the bytes are not an encoded value of this codec
   */
  T decode(byte[] bytes);
}
