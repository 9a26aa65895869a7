package io.freshet.core.envelope;

import java.util.Objects;

/** Thrown when an input record cannot become a domain event; it names the error type and field. */
public final class InvalidEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorType errorType;
  private final String field;

  public InvalidEventException(ErrorType errorType, String field, String message) {
    this(errorType, field, message, null);
  }

  public InvalidEventException(ErrorType errorType, String field, String message, Throwable cause) {
    super(message, cause);
    this.errorType = Objects.requireNonNull(errorType, "errorType");
    this.field = field;
  }

  public ErrorType errorType() {
    return errorType;
  }

  /**
   * The JSON path of the offending field (e.g. {@code payload.amount}), or null for the whole
   * value.
   */
  public String field() {
    return field;
  }
}
