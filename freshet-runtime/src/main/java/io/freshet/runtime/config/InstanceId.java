package io.freshet.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The identity of one Freshet instance, kept in its data dir: stable across restarts, so that its
 * Kafka transactional ids fence the transactions a killed run left open, and distinct between
 * instances sharing a cluster.
 */
public final class InstanceId {
  static final String FILE_NAME = "instance-id";

  private InstanceId() {}

  /** The data dir's instance id, created now if it has none yet. */
  public static String of(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.isRegularFile(file)) {
      String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!kept.isEmpty()) {
        return kept;
      }
    }
    Files.createDirectories(dataDir);
    String id = UUID.randomUUID().toString();
    Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
    return id;
  }
}
