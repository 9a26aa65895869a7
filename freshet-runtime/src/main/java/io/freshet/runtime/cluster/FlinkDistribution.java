package io.freshet.runtime.cluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Flink's own jars, from Maven Central, that a local cluster's JobManager and TaskManagers run on
 * (in place of the distribution tarball), and the project's job jar that {@code submit} sends them.
 *
 * @param libDir the directory of Flink's jars: the runtime, the web UI, RocksDB, ZooKeeper, log4j
 * @param jobJar the pipelines' job jar
 * @param jvmOptionsFile the java argument file of the JDK-internal opens Flink needs on Java 17
 */
public record FlinkDistribution(Path libDir, Path jobJar, Path jvmOptionsFile) {
  /** The system property {@code ./freshet} sets to the project's root. */
  public static final String HOME_PROPERTY = "freshet.home";

  public FlinkDistribution {
    Objects.requireNonNull(libDir, "libDir");
    Objects.requireNonNull(jobJar, "jobJar");
    Objects.requireNonNull(jvmOptionsFile, "jvmOptionsFile");
  }

  /** The build's, under the project root that {@code freshet.home} names. */
  public static FlinkDistribution ofBuild(Optional<String> home) {
    Path root =
        Path.of(
                home.orElseThrow(
                    () ->
                        new ClusterException(
                            "Where Flink's jars are is unknown: run Freshet through ./freshet,"
                                + " which sets -D"
                                + HOME_PROPERTY)))
            .toAbsolutePath()
            .normalize();
    return new FlinkDistribution(
        root.resolve("freshet-flink-dist/target/lib"),
        root.resolve("freshet-job/target/freshet-job.jar"),
        root.resolve("jvm-opens.txt"));
  }

  /** The one this process was started with. */
  public static FlinkDistribution current() {
    return ofBuild(Optional.ofNullable(System.getProperty(HOME_PROPERTY)));
  }

  /** The Flink processes' classpath: every jar of {@link #libDir}. */
  public String classpath() {
    if (!Files.isDirectory(libDir)) {
      throw new ClusterException(
          "Flink's jars are missing: no "
              + libDir
              + " (build the project: mvn install -DskipTests)");
    }
    return libDir + File.separator + "*";
  }

  /** The job jar, checked to exist. */
  public Path existingJobJar() {
    if (!Files.isRegularFile(jobJar)) {
      throw new ClusterException(
          "The job jar is missing: no " + jobJar + " (build the project: mvn install -DskipTests)");
    }
    return jobJar;
  }
}
