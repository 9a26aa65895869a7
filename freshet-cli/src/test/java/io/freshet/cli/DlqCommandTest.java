package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.envelope.ErrorType;
import io.freshet.pipelines.fraud.FraudTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DlqCommandTest {
  @ParameterizedTest
  @ValueSource(strings = {"list", "show", "replay"})
  void everyDlqCommandHasHelp(String command) {
    // Given the freshet command line
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new FreshetCommand()).setOut(new PrintWriter(out));

    // When a dlq command is asked for help
    int exit = cli.execute("dlq", command, "--help");

    // Then it prints its usage and succeeds
    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("Usage: freshet dlq " + command);
  }

  @Test
  void listOptionsParseWithDefaults() {
    // Given list options as typed
    DlqListCommand list = new DlqListCommand();
    new CommandLine(list)
        .parseArgs(
            "--pipeline",
            "fraud-detection",
            "--error-type",
            "invalid_field",
            "--since",
            "2026-11-25");

    // When parsed
    // Then each is typed and the cluster defaults to localhost:9092
    assertThat(list.pipeline).isEqualTo("fraud-detection");
    assertThat(list.errorType).isEqualTo(ErrorType.INVALID_FIELD);
    assertThat(list.since).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
    assertThat(list.bootstrapServers).isEqualTo("localhost:9092");

    DlqListCommand relative = new DlqListCommand();
    Instant before = Instant.now();
    new CommandLine(relative).parseArgs("--since", "2h");
    assertThat(relative.since)
        .isBetween(before.minus(Duration.ofHours(2)), Instant.now().minus(Duration.ofHours(2)));
  }

  @Test
  void showDefaultsToTheTransactionsDeadLetterTopic() {
    // Given show with only an offset
    DlqShowCommand show = new DlqShowCommand();

    // When parsed
    new CommandLine(show).parseArgs("17");

    // Then it reads the transactions dead-letter topic
    assertThat(show.offset).isEqualTo(17);
    assertThat(show.topic).isEqualTo(FraudTopics.TRANSACTIONS_DLQ.name());
  }

  @Test
  void replayTakesCommaSeparatedOffsetsAndOneKindOfFix() {
    // Given replay options with offsets and a fix script
    DlqReplayCommand replay = new DlqReplayCommand();
    new CommandLine(replay)
        .parseArgs("--pipeline", "fraud-detection", "--offsets", "3,7,9", "--fix-with", "cat");

    // When parsed
    // Then the offsets are split and the script is kept
    assertThat(replay.offsets).containsExactly(3L, 7L, 9L);
    assertThat(replay.fix.script).isEqualTo("cat");
    assertThat(replay.fix.edit).isFalse();
  }

  @Test
  void badDlqArgumentsAreUsageErrors() {
    // Given arguments that are wrong in one way each
    List<List<String>> wrong =
        List.of(
            List.of("dlq", "replay", "--offsets", "1"),
            List.of("dlq", "replay", "--pipeline", "p", "--fix-with", "cat", "--edit"),
            List.of("dlq", "replay", "--pipeline", "p", "--offsets", "1,x"),
            List.of("dlq", "list", "--error-type", "WRONG"),
            List.of("dlq", "list", "--since", "yesterday"),
            List.of("dlq", "show"));

    // When each is run
    // Then each exits with picocli's usage status 2 and an error on stderr
    for (List<String> args : wrong) {
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new FreshetCommand()).setErr(new PrintWriter(err));
      assertThat(cli.execute(args.toArray(String[]::new))).as(args.toString()).isEqualTo(2);
      assertThat(err.toString()).as(args.toString()).isNotBlank();
    }
  }

  @Test
  void anUnknownTopicIsRefusedBeforeKafkaIsContacted() {
    // Given a show of a topic that is not a dead-letter topic, on a cluster that does not exist
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new FreshetCommand()).setErr(new PrintWriter(err));

    // When it runs
    int exit =
        cli.execute("dlq", "show", "3", "--topic", "transactions", "--bootstrap-servers", "x:1");

    // Then it says which topics there are
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "transactions is not a dead-letter topic; expected one of "
                + DEAD_LETTER_TOPICS
                + System.lineSeparator());
  }

  /** Every dead-letter topic Freshet owns, as the tools list them. */
  static final String DEAD_LETTER_TOPICS =
      String.join(", ", io.freshet.runtime.deadletter.DeadLetterStore.deadLetterTopics());
}
