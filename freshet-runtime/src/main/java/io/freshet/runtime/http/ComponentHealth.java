package io.freshet.runtime.http;

/** The state of one component of the running platform, e.g. the broker or a Flink job. */
public record ComponentHealth(String state, boolean healthy, String detail) {
  public static ComponentHealth up(String state, String detail) {
    return new ComponentHealth(state, true, detail);
  }

  public static ComponentHealth down(String state, String detail) {
    return new ComponentHealth(state, false, detail);
  }
}
