package io.freshet.cli;

import io.freshet.runtime.deadletter.DeadLetterEntry;
import io.freshet.runtime.deadletter.FixFailedException;
import io.freshet.runtime.deadletter.ValueFix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Fixes a value with a shell script: {@code sh -c SCRIPT}, the original value on stdin, the new
 * value on stdout; a non-zero exit rejects the record with the script's stderr.
 */
final class ScriptFix implements ValueFix {
  /** How much of the script's stderr an error message quotes. */
  static final int STDERR_CHARS = 300;

  private final String script;
  private final Path workDir;

  /**
   * @param workDir a private directory for the script's stdin and stderr files, deleted by the
   *     caller; files instead of pipes so a script that ignores stdin cannot break the pipe
   */
  ScriptFix(String script, Path workDir) {
    this.script = Objects.requireNonNull(script, "script");
    this.workDir = Objects.requireNonNull(workDir, "workDir");
  }

  @Override
  public byte[] apply(DeadLetterEntry entry, byte[] value)
      throws FixFailedException, InterruptedException {
    Path stdin = workDir.resolve("stdin");
    Path stderr = workDir.resolve("stderr");
    byte[] stdout;
    int status;
    try {
      Files.write(stdin, value == null ? new byte[0] : value);
      ProcessBuilder builder =
          new ProcessBuilder("sh", "-c", script)
              .redirectInput(stdin.toFile())
              .redirectError(stderr.toFile());
      builder.environment().put("FRESHET_DLQ_TOPIC", entry.topic());
      builder.environment().put("FRESHET_DLQ_OFFSET", Long.toString(entry.offset()));
      Process process = builder.start();
      try (InputStream out = process.getInputStream()) {
        stdout = out.readAllBytes();
      }
      status = process.waitFor();
      if (status != 0) {
        String why = new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8).strip();
        if (why.length() > STDERR_CHARS) {
          why = why.substring(0, STDERR_CHARS) + "...";
        }
        throw new FixFailedException(
            "fix script exited with status " + status + (why.isEmpty() ? "" : ": " + why));
      }
    } catch (IOException e) {
      throw new FixFailedException("cannot run fix script: " + e.getMessage(), e);
    }
    return FixedValues.tidy(value, stdout, "fix script printed nothing");
  }
}
