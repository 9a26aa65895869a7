package io.freshet.runtime.flink;

/** A Flink REST call that failed, with what was asked and what the JobManager answered. */
public final class FlinkRestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FlinkRestException(String message) {
    super(message);
  }

  public FlinkRestException(String message, Throwable cause) {
    super(message, cause);
  }
}
