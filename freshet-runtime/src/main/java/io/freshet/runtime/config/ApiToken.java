package io.freshet.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The bearer token writes and admin actions need: the one given with {@code --api-token}, or one
 * generated once into the data dir (readable by its owner only) and reused at every start, so that
 * a newcomer's {@code freshet run} is guarded without any set-up.
 *
 * @param value the token
 * @param file where it was generated and is kept, empty when it was given
 */
public record ApiToken(String value, Optional<Path> file) {
  /** The file in the data dir that holds a generated token. */
  public static final String FILE_NAME = "api-token";

  private static final int RANDOM_BYTES = 24;

  /**
   * The given token, or the data dir's generated one, created now if there is none yet.
   *
   * @throws IOException when the data dir's token cannot be read or written
   */
  public static ApiToken resolve(Optional<String> given, Path dataDir) throws IOException {
    if (given.isPresent()) {
      return new ApiToken(given.get(), Optional.empty());
    }
    Path file = dataDir.resolve(FILE_NAME);
    Optional<String> kept = read(file);
    if (kept.isPresent()) {
      return new ApiToken(kept.get(), Optional.of(file));
    }
    byte[] random = new byte[RANDOM_BYTES];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.createDirectories(dataDir);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      // Another process created it between our read and now: use its token, not a second one.
      return new ApiToken(read(file).orElseThrow(() -> e), Optional.of(file));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the file gets the directory's default permissions.
      Files.createFile(file);
    }
    Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    return new ApiToken(token, Optional.of(file));
  }

  /** The token kept in {@code dataDir}, for clients such as {@code freshet sql} on this machine. */
  public static Optional<String> kept(Path dataDir) throws IOException {
    return read(dataDir.resolve(FILE_NAME));
  }

  private static Optional<String> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String token = Files.readString(file, StandardCharsets.UTF_8).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /** The token is never printed by accident, e.g. in a log of the configuration. */
  @Override
  public String toString() {
    return "ApiToken[" + file.map(f -> "generated in " + f).orElse("given") + "]";
  }
}
