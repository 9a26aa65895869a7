package io.freshet.pipelines.common;

import io.freshet.core.envelope.ErrorType;
import java.util.Arrays;

/**
 * A dead letter already encoded for its topic: the original key and the dead-letter JSON; the error
 * type travels beside it for metrics.
 */
public record DeadLetterRecord(ErrorType errorType, byte[] key, byte[] value) {
  @Override
  public boolean equals(Object o) {
    return o instanceof DeadLetterRecord r
        && errorType == r.errorType
        && Arrays.equals(key, r.key)
        && Arrays.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return 31 * errorType.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "DeadLetterRecord[" + errorType + ", " + (value == null ? 0 : value.length) + " B]";
  }
}
