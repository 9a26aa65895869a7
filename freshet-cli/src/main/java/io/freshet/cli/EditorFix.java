package io.freshet.cli;

import io.freshet.runtime.deadletter.DeadLetterEntry;
import io.freshet.runtime.deadletter.FixFailedException;
import io.freshet.runtime.deadletter.ValueFix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** Fixes a value by hand: writes it to a file, opens the editor on it, and sends what is saved. */
final class EditorFix implements ValueFix {
  private final String editor;
  private final Path workDir;

  /**
   * @param editor the editor command, run by {@code sh} so it may carry arguments ({@code code -w})
   * @param workDir a private directory for the files to edit, deleted by the caller
   */
  EditorFix(String editor, Path workDir) {
    this.editor = Objects.requireNonNull(editor, "editor");
    this.workDir = Objects.requireNonNull(workDir, "workDir");
  }

  /** {@code $EDITOR}, or vi when it is unset or blank. */
  static String editorFrom(Map<String, String> environment) {
    String editor = environment.get("EDITOR");
    return editor == null || editor.isBlank() ? "vi" : editor;
  }

  @Override
  public byte[] apply(DeadLetterEntry entry, byte[] value)
      throws FixFailedException, InterruptedException {
    // Named after the dead letter so the editor's title says which one is being fixed.
    Path file = workDir.resolve(entry.topic() + "-" + entry.offset() + ".json");
    try {
      Files.write(file, value == null ? new byte[0] : value);
      // "$1" keeps a path with spaces one argument whatever the editor command looks like.
      Process process =
          new ProcessBuilder("sh", "-c", editor + " \"$1\"", "freshet-dlq-edit", file.toString())
              .inheritIO()
              .start();
      int status = process.waitFor();
      if (status != 0) {
        throw new FixFailedException("editor '" + editor + "' exited with status " + status);
      }
      return FixedValues.tidy(value, Files.readAllBytes(file), "the edited value is empty");
    } catch (IOException e) {
      throw new FixFailedException("cannot edit the value: " + e.getMessage(), e);
    }
  }
}
