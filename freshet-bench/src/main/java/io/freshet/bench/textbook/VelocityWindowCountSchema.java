package io.freshet.bench.textbook;

import io.freshet.pipelines.kafka.SingleTopicSerializationSchema;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a textbook alert as {@code customer,window_start,window_end,count} keyed by customer, and
 * reads it back for the comparison.
 */
public final class VelocityWindowCountSchema
    implements SingleTopicSerializationSchema<VelocityWindowCount> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public VelocityWindowCountSchema(String topic) {
    this.topic = topic;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      VelocityWindowCount element, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic,
        element.customerId().getBytes(StandardCharsets.UTF_8),
        encode(element).getBytes(StandardCharsets.UTF_8));
  }

  static String encode(VelocityWindowCount c) {
    return c.customerId() + "," + c.windowStart() + "," + c.windowEnd() + "," + c.count();
  }

  /** The alert a record's value holds. */
  public static VelocityWindowCount decode(byte[] value) {
    String[] f = new String(value, StandardCharsets.UTF_8).split(",");
    if (f.length != 4) {
      throw new IllegalArgumentException("not a textbook alert: " + String.join(",", f));
    }
    return new VelocityWindowCount(
        f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
  }
}
