package io.freshet.runtime.http;

/** Reports the current health of the platform's components. */
@FunctionalInterface
public interface HealthProbe {
  HealthReport check();
}
