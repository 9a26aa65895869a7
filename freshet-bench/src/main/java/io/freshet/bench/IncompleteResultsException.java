package io.freshet.bench;

/** A benchmark's output was missing, duplicated or wrong: its figures would be meaningless. */
public final class IncompleteResultsException extends RuntimeException {
  public IncompleteResultsException(String message) {
    super(message);
  }

  /** Throws unless {@code actual == expected}. */
  public static void requireEqual(String what, long expected, long actual) {
    if (expected != actual) {
      throw new IncompleteResultsException(what + ": expected " + expected + ", got " + actual);
    }
  }
}
