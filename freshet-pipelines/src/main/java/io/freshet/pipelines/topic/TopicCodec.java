package io.freshet.pipelines.topic;

import java.io.Serializable;

/**
 * Turns a topic's keys or values into bytes and back; serialisable so Flink operators can carry it.
 */
public interface TopicCodec<T> extends Serializable {
  byte[] encode(T value);

  T decode(byte[] bytes);
}
