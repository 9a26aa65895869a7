package io.freshet.runtime.deadletter;

/** A {@link ValueFix} could not fix one record, which is then skipped with this message. */
public final class FixFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public FixFailedException(String message) {
    super(message);
  }

  public FixFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
