package io.freshet.core.envelope;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a pipeline received, independent of the transport, kept so a failure can be dead-lettered
 * byte for byte.
 *
 * <p>The key and value arrays are shared rather than copied, because values can be megabytes and
 * every record passes through here; nobody may mutate them afterwards.
 *
 * @param key the raw key, or null
 * @param value the raw value, or null for a tombstone
 * @param headers the headers in arrival order; null becomes an empty list
 * @param topic where the record came from
 * @param partition the source partition
 * @param offset the source offset
 * @param timestamp the record timestamp in epoch milliseconds
 */
public record RawRecord(
    byte[] key,
    byte[] value,
    List<RawHeader> headers,
    String topic,
    int partition,
    long offset,
    long timestamp) {

  public RawRecord {
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawRecord r
        && Arrays.equals(key, r.key)
        && Arrays.equals(value, r.value)
        && headers.equals(r.headers)
        && Objects.equals(topic, r.topic)
        && partition == r.partition
        && offset == r.offset
        && timestamp == r.timestamp;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(key), Arrays.hashCode(value), headers, topic, partition, offset, timestamp);
  }

  @Override
  public String toString() {
    return "RawRecord["
        + topic
        + "-"
        + partition
        + "@"
        + offset
        + ", key="
        + (key == null ? "null" : key.length + " bytes")
        + ", value="
        + (value == null ? "null" : value.length + " bytes")
        + ", headers="
        + headers.size()
        + ", timestamp="
        + timestamp
        + "]";
  }
}
