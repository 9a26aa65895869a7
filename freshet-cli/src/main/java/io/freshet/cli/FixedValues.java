package io.freshet.cli;

import io.freshet.runtime.deadletter.FixFailedException;
import java.util.Arrays;

/** Checks and tidies a value produced by a fix script or an editor. */
final class FixedValues {
  private FixedValues() {}

  /**
   * The value to send: {@code fixed}, minus one trailing newline when {@code original} had none,
   * because editors and line-oriented tools add one and an unchanged value should replay
   * byte-identical.
   *
   * @throws FixFailedException with {@code whenEmpty} when the fix produced nothing: an empty value
   *     is no event, and sending it would only come back as a dead letter
   */
  static byte[] tidy(byte[] original, byte[] fixed, String whenEmpty) throws FixFailedException {
    if (fixed.length == 0) {
      throw new FixFailedException(whenEmpty);
    }
    boolean originalEndsWithNewline =
        original != null && original.length > 0 && original[original.length - 1] == '\n';
    if (!originalEndsWithNewline && fixed[fixed.length - 1] == '\n') {
      int end = fixed.length - 1;
      if (end > 0 && fixed[end - 1] == '\r') {
        end--;
      }
      if (end == 0) {
        throw new FixFailedException(whenEmpty);
      }
      return Arrays.copyOf(fixed, end);
    }
    return fixed;
  }
}
