package io.freshet.runtime.autoscale;

/** A round of the autoscaler that could not sample the job or apply its decision. */
public final class AutoscaleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AutoscaleException(String message) {
    super(message);
  }
}
