package io.freshet.serving;

/** A view query or console statement that is unknown, malformed or not allowed; HTTP 400. */
public final class BadQueryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A bad query, with the reason to show its sender. */
  public BadQueryException(String reason) {
    super(reason);
  }

  /** A statement the database rejected, with the database's reason. */
  public BadQueryException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
