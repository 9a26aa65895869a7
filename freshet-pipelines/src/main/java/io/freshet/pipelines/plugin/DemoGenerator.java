package io.freshet.pipelines.plugin;

/** Makes demo events; the platform calls it at the demo rate and sends what it produces. */
@FunctionalInterface
public interface DemoGenerator {
  /** Makes the next event at wall-clock {@code nowMillis}, as one or more records. */
  void next(long nowMillis, Sender send);

  /** Sends one record to a topic. */
  @FunctionalInterface
  interface Sender {
    void send(String topic, byte[] key, byte[] value);
  }
}
