package io.freshet.runtime.flink;

/** Flink's REST API did not answer, or answered something the platform cannot read. */
public final class FlinkUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FlinkUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
