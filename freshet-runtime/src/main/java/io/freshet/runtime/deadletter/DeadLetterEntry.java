package io.freshet.runtime.deadletter;

import io.freshet.core.deadletter.DeadLetter;
import java.util.Objects;

/**
 * One dead letter as stored: where it sits on its dead-letter topic and what it says.
 *
 * @param topic the dead-letter topic
 * @param partition its partition there
 * @param offset its offset there
 * @param timestamp the dead-letter record's broker timestamp, in epoch milliseconds
 * @param letter the decoded dead letter
 */
public record DeadLetterEntry(
    String topic, int partition, long offset, long timestamp, DeadLetter letter) {

  /** How many characters of the original value a listing shows. */
  public static final int PREVIEW_CHARS = 60;

  public DeadLetterEntry {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(letter, "letter");
  }

  /**
   * The first {@link #PREVIEW_CHARS} characters of the original value on one line: control
   * characters become spaces so a listing stays one line per record, Base64 values are marked as
   * such, and a tombstone is {@code (null)}.
   */
  public String valuePreview() {
    String value = letter.originalValue();
    if (value == null) {
      return "(null)";
    }
    String text = DeadLetter.BASE64.equals(letter.valueEncoding()) ? "base64:" + value : value;
    StringBuilder preview = new StringBuilder(PREVIEW_CHARS);
    text.codePoints()
        .limit(PREVIEW_CHARS)
        .forEach(c -> preview.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return preview.toString();
  }
}
