package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.envelope.ErrorType;
import io.freshet.runtime.deadletter.DeadLetterEntry;
import io.freshet.runtime.deadletter.FixFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueFixTest {
  private static final String ABC = "{\"payload\":{\"amount\":\"abc\"}}";
  private static final DeadLetterEntry ENTRY =
      new DeadLetterEntry(
          "transactions.dlq",
          0,
          4,
          0,
          new DeadLetter(
              null,
              null,
              ABC,
              DeadLetter.UTF_8,
              List.of(),
              "transactions",
              0,
              0,
              0,
              ErrorType.INVALID_FIELD,
              null,
              "bad",
              null,
              0,
              "fraud-detection",
              "dev",
              0));

  @TempDir Path workDir;

  @Test
  void aScriptGetsTheValueOnStdinAndItsStdoutIsTheFix() throws Exception {
    // Given a sed script that repairs the amount
    ScriptFix fix = new ScriptFix("sed 's/\"amount\":\"abc\"/\"amount\":12.5/'", workDir);

    // When it fixes the value
    byte[] fixed = fix.apply(ENTRY, utf8(ABC));

    // Then the value is repaired, byte for byte
    assertThat(new String(fixed, StandardCharsets.UTF_8))
        .isEqualTo("{\"payload\":{\"amount\":12.5}}");
  }

  @Test
  void aScriptSeesWhichDeadLetterItFixesAndAnAddedNewlineIsDropped() throws Exception {
    // Given a script that ignores stdin and prints the dead letter's coordinates with echo
    ScriptFix fix = new ScriptFix("echo \"$FRESHET_DLQ_TOPIC@$FRESHET_DLQ_OFFSET\"", workDir);

    // When it runs for a value without a trailing newline
    // Then its output is the value without the newline echo added
    assertThat(new String(fix.apply(ENTRY, utf8(ABC)), StandardCharsets.UTF_8))
        .isEqualTo("transactions.dlq@4");
  }

  @Test
  void aFailingOrSilentScriptRejectsTheRecordSayingWhy() {
    // Given a script that fails with a message, and one that prints nothing
    ScriptFix failing = new ScriptFix("echo 'cannot parse' >&2; exit 3", workDir);
    ScriptFix silent = new ScriptFix("cat >/dev/null", workDir);

    // When they run
    // Then the record is rejected with the status and stderr, or as empty
    assertThatThrownBy(() -> failing.apply(ENTRY, utf8(ABC)))
        .isInstanceOf(FixFailedException.class)
        .hasMessage("fix script exited with status 3: cannot parse");
    assertThatThrownBy(() -> silent.apply(ENTRY, utf8(ABC)))
        .isInstanceOf(FixFailedException.class)
        .hasMessage("fix script printed nothing");
  }

  @Test
  void theEditorEditsAFileAndItsContentIsSent() throws Exception {
    // Given an "editor" that edits the file in place as a person would
    EditorFix fix = new EditorFix("sed -i 's/\"abc\"/12.5/'", workDir);

    // When the value is edited
    byte[] edited = fix.apply(ENTRY, utf8(ABC));

    // Then the saved content is the value to send
    assertThat(new String(edited, StandardCharsets.UTF_8))
        .isEqualTo("{\"payload\":{\"amount\":12.5}}");
  }

  @Test
  void anEditorThatFailsRejectsTheRecordAndEditorDefaultsToVi() {
    // Given an editor command that fails
    EditorFix fix = new EditorFix("false", workDir);

    // When it runs
    // Then the record is rejected; and without $EDITOR the editor is vi
    assertThatThrownBy(() -> fix.apply(ENTRY, utf8(ABC)))
        .isInstanceOf(FixFailedException.class)
        .hasMessage("editor 'false' exited with status 1");
    assertThat(EditorFix.editorFrom(Map.of())).isEqualTo("vi");
    assertThat(EditorFix.editorFrom(Map.of("EDITOR", " "))).isEqualTo("vi");
    assertThat(EditorFix.editorFrom(Map.of("EDITOR", "nano"))).isEqualTo("nano");
  }

  @Test
  void onlyANewlineTheOriginalLackedIsDropped() throws Exception {
    // Given originals with and without a trailing newline
    // When fixed values are tidied
    // Then one added newline (or CRLF) goes, a newline the original had stays
    assertThat(FixedValues.tidy(utf8("a"), utf8("b\n"), "empty")).isEqualTo(utf8("b"));
    assertThat(FixedValues.tidy(utf8("a"), utf8("b\r\n"), "empty")).isEqualTo(utf8("b"));
    assertThat(FixedValues.tidy(utf8("a\n"), utf8("b\n"), "empty")).isEqualTo(utf8("b\n"));
    assertThat(FixedValues.tidy(null, utf8("b\n\n"), "empty")).isEqualTo(utf8("b\n"));
    assertThatThrownBy(() -> FixedValues.tidy(utf8("a"), utf8("\n"), "empty"))
        .isInstanceOf(FixFailedException.class)
        .hasMessage("empty");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
