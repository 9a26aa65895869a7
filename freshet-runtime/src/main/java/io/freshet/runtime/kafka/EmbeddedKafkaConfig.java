package io.freshet.runtime.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how an {@link EmbeddedKafkaBroker} runs: its storage directory, listener host and ports
 * (0 picks a free port), and raw broker properties applied last.
 *
 * @param logDir directory holding all broker storage; reusing it keeps the data across restarts
 * @param host host the listeners bind to and advertise; {@code localhost} when null or blank
 * @param port client (PLAINTEXT) listener port, 0 to pick a free one
 * @param controllerPort KRaft controller listener port, 0 to pick a free one
 * @param overrides broker properties that win over every default this class sets
 */
public record EmbeddedKafkaConfig(
    Path logDir, String host, int port, int controllerPort, Map<String, String> overrides) {

  public static final String DEFAULT_HOST = "localhost";
  public static final int DEFAULT_PORT = 9092;
  public static final int DEFAULT_CONTROLLER_PORT = 9093;

  public EmbeddedKafkaConfig {
    Objects.requireNonNull(logDir, "logDir");
    host = host == null || host.isBlank() ? DEFAULT_HOST : host;
    checkPort("port", port);
    checkPort("controllerPort", controllerPort);
    if (port != 0 && port == controllerPort) {
      throw new IllegalArgumentException(
          "port and controllerPort must differ, both are " + port + " (use 0 to pick free ports)");
    }
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
  }

  /** Broker on {@code localhost:9092} with its controller on 9093 and no overrides. */
  public static EmbeddedKafkaConfig defaults(Path logDir) {
    return new EmbeddedKafkaConfig(
        logDir, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_CONTROLLER_PORT, Map.of());
  }

  /** Same config with other ports; 0 picks a free port at start. */
  public EmbeddedKafkaConfig withPorts(int newPort, int newControllerPort) {
    return new EmbeddedKafkaConfig(logDir, host, newPort, newControllerPort, overrides);
  }

  /** Same config with these broker property overrides instead of the current ones. */
  public EmbeddedKafkaConfig withOverrides(Map<String, String> newOverrides) {
    return new EmbeddedKafkaConfig(logDir, host, port, controllerPort, newOverrides);
  }

  private static void checkPort(String name, int value) {
    if (value < 0 || value > 65_535) {
      throw new IllegalArgumentException(name + " must be in 0..65535, got " + value);
    }
  }
}
