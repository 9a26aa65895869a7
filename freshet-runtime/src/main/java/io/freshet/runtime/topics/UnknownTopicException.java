package io.freshet.runtime.topics;

/** Thrown when a browse names a topic the cluster does not have. */
public final class UnknownTopicException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownTopicException(String topic, Throwable cause) {
    super("no topic '" + topic + "' on the cluster", cause);
  }
}
