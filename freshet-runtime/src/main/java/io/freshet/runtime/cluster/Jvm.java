package io.freshet.runtime.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The Java runtime and classpath a cluster's processes run on: those of the running command, so a
 * broker runs exactly the Kafka that the CLI was built with.
 *
 * @param java the {@code java} executable
 * @param classpath the classpath, entries separated by the platform's path separator
 */
public record Jvm(Path java, String classpath) {

  public Jvm {
    Objects.requireNonNull(java, "java");
    Objects.requireNonNull(classpath, "classpath");
  }

  /** This JVM's own executable and classpath. */
  public static Jvm current() {
    Path java =
        ProcessHandle.current()
            .info()
            .command()
            .map(Path::of)
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    if (!Files.isExecutable(java)) {
      throw new ClusterException("Cannot find this JVM's java executable (tried " + java + ")");
    }
    return new Jvm(java, System.getProperty("java.class.path"));
  }
}
