package io.freshet.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API token: given, or generated once into the data dir and reused. */
class ApiTokenTest {
  @TempDir Path dataDir;

  @Test
  void withoutAGivenTokenOneIsGeneratedOnceKeptPrivateAndReused() throws Exception {
    // Given a fresh data dir, When the token is resolved twice
    ApiToken first = ApiToken.resolve(Optional.empty(), dataDir);
    ApiToken second = ApiToken.resolve(Optional.empty(), dataDir);

    // Then one random token of 32 URL-safe characters is kept, readable by its owner only
    Path file = dataDir.resolve(ApiToken.FILE_NAME);
    assertThat(first.value()).matches("[A-Za-z0-9_-]{32}");
    assertThat(first.file()).contains(file);
    assertThat(second).isEqualTo(first);
    assertThat(Files.readString(file).trim()).isEqualTo(first.value());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(ApiToken.kept(dataDir)).contains(first.value());
    // and it never shows in a printed configuration
    assertThat(first.toString()).doesNotContain(first.value());
  }

  @Test
  void aGivenTokenWinsAndNothingIsWritten() throws Exception {
    ApiToken given = ApiToken.resolve(Optional.of("given-token-1"), dataDir);

    assertThat(given.value()).isEqualTo("given-token-1");
    assertThat(given.file()).isEmpty();
    assertThat(dataDir.resolve(ApiToken.FILE_NAME)).doesNotExist();
  }

  @Test
  void twoDataDirsGetDifferentTokens() throws Exception {
    ApiToken a = ApiToken.resolve(Optional.empty(), dataDir.resolve("a"));
    ApiToken b = ApiToken.resolve(Optional.empty(), dataDir.resolve("b"));

    assertThat(a.value()).isNotEqualTo(b.value());
  }
}
