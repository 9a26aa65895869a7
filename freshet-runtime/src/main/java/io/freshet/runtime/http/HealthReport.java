package io.freshet.runtime.http;

import java.util.Map;

/** What {@code GET /api/health} answers: UP only when every component is healthy. */
public record HealthReport(String status, Map<String, ComponentHealth> components) {
  public static HealthReport of(Map<String, ComponentHealth> components) {
    boolean up =
        !components.isEmpty() && components.values().stream().allMatch(ComponentHealth::healthy);
    return new HealthReport(up ? "UP" : "STARTING", components);
  }

  /** True when every component is healthy (a method, not a JSON field). */
  public static boolean allUp(HealthReport report) {
    return "UP".equals(report.status());
  }
}
