package io.freshet.runtime.cluster;

/** A local cluster could not be planned, started, reached or stopped; the message says why. */
public final class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
