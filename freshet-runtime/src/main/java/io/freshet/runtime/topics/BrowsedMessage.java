package io.freshet.runtime.topics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One record a browse returns, decoded for reading: key and header values as UTF-8 text, the value
 * as JSON when it is JSON.
 *
 * @param timestamp the record's timestamp in epoch milliseconds
 * @param key the key as UTF-8 text, or null when the record has none
 */
public record BrowsedMessage(
    int partition,
    long offset,
    long timestamp,
    String key,
    List<Header> headers,
    MessageValue value) {

  public BrowsedMessage {
    headers = List.copyOf(headers);
  }

  /**
   * A header in record order.
   *
   * @param value the value as UTF-8 text, or null when the header has none
   */
  public record Header(String name, String value) {}

  /**
   * A record's value as shown.
   *
   * @param type {@code json} (parsed), {@code text} (valid UTF-8 that is not JSON), {@code binary}
   *     (Base64 of bytes that are not UTF-8) or {@code null} (no value, a tombstone)
   * @param value the parsed JSON, or the text or Base64 as a JSON string; JSON null for none
   * @param bytes the value's size in bytes
   * @param truncated whether the value was cut to its first {@link MessageValue#MAX_BYTES} bytes
   *     (and so is shown as text)
   */
  public record MessageValue(String type, JsonNode value, int bytes, boolean truncated) {
    /** Values longer than this are cut: a browse must not send megabytes per record. */
    public static final int MAX_BYTES = 256 * 1024;
  }
}
