package io.freshet.runtime.topics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;

/**
 * What one browse found: the messages, where each partition's scan started and ended, where to go
 * on from, and how much was scanned to find them.
 *
 * @param startOffsets per partition read, the offset its scan started at
 * @param endOffsets per partition read, its end when the browse started (for read_committed the
 *     last stable offset): the scan never went past it
 * @param nextOffsets per partition read, the offset a following browse continues from: nothing
 *     before it that matches the filter is left unshown
 * @param scanned records examined against the filter
 * @param scanLimit the most records one browse examines
 */
public record MessagePage(
    String topic,
    IsolationLevel isolation,
    Map<Integer, Long> startOffsets,
    Map<Integer, Long> endOffsets,
    List<BrowsedMessage> messages,
    Map<Integer, Long> nextOffsets,
    long scanned,
    int scanLimit,
    Stop stoppedBy) {

  public MessagePage {
    startOffsets = Map.copyOf(startOffsets);
    endOffsets = Map.copyOf(endOffsets);
    messages = List.copyOf(messages);
    nextOffsets = Map.copyOf(nextOffsets);
  }

  /** Why a scan stopped. */
  public enum Stop {
    /** Every partition was read to its end offset. */
    END,
    /** The limit of messages was found; more may follow from the next offsets. */
    LIMIT,
    /** The scan examined its most records before it found the limit or reached the ends. */
    SCAN_LIMIT,
    /** The scan ran out of time before it found the limit or reached the ends. */
    DEADLINE;

    /** The name the JSON answer uses. */
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
