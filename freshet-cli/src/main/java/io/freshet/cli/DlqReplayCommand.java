package io.freshet.cli;

import io.freshet.core.envelope.ErrorType;
import io.freshet.runtime.deadletter.DeadLetterEntry;
import io.freshet.runtime.deadletter.DeadLetterFilter;
import io.freshet.runtime.deadletter.DeadLetterReplayer;
import io.freshet.runtime.deadletter.DeadLetterStore;
import io.freshet.runtime.deadletter.ReplayProgress;
import io.freshet.runtime.deadletter.ReplayReport;
import io.freshet.runtime.deadletter.ValueFix;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code freshet dlq replay}: sends dead letters back to their source topics, optionally fixed. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Send the selected dead letters' original key, headers and value (exact bytes, or fixed",
      "with --fix-with or --edit) back to their source topic with an idempotent acks=all",
      "producer, adding the headers freshet.dlq.topic, freshet.dlq.partition, freshet.dlq.offset,",
      "freshet.replayed_at and freshet.replay_count. Replaying twice is harmless: the pipelines",
      "skip a repeated event_id. A record that fails again returns with its replay count."
    })
public final class DlqReplayCommand implements Callable<Integer> {
  /** Below this many records a replay is over before a progress bar would tell anything. */
  static final int PROGRESS_MIN_RECORDS = 10;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--pipeline",
      required = true,
      description = "Replay dead letters of this pipeline.")
  String pipeline;

  @Option(
      names = "--error-type",
      converter = DlqCommand.ErrorTypeConverter.class,
      description = "Only this error type, e.g. INVALID_FIELD.")
  ErrorType errorType;

  @Option(
      names = "--offsets",
      split = ",",
      paramLabel = "OFFSET",
      description = "Only these offsets of the dead-letter topic, e.g. 3,7,9.")
  List<Long> offsets;

  @Option(names = "--topic", description = "Only this dead-letter topic.")
  String topic;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Fix fix;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka cluster (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Mixin KafkaConfigOption kafkaConfig = new KafkaConfigOption();

  /** How values are changed before they are sent: by a script or in an editor, never both. */
  static final class Fix {
    @Option(
        names = "--fix-with",
        paramLabel = "SCRIPT",
        description = {
          "Run SCRIPT with sh -c, the original value on stdin; its stdout is the new value.",
          "A non-zero exit skips that record. FRESHET_DLQ_TOPIC and FRESHET_DLQ_OFFSET are set."
        })
    String script;

    @Option(
        names = "--edit",
        description = "Edit each value in $EDITOR (default vi) before it is sent.")
    boolean edit;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DeadLetterStore store =
        new DeadLetterStore(
            kafkaConfig.connection(bootstrapServers),
            DeadLetterStore.deadLetterTopics(),
            DeadLetterStore.DEFAULT_TIMEOUT);
    if (topic != null && !store.topics().contains(topic)) {
      err.println(store.notADeadLetterTopic(topic));
      return 2;
    }
    Set<Long> wanted = offsets == null ? Set.of() : new TreeSet<>(offsets);
    DeadLetterFilter filter =
        DeadLetterFilter.all()
            .withTopic(topic)
            .withPipeline(pipeline)
            .withErrorType(errorType)
            .withOffsets(wanted);
    List<DeadLetterEntry> selected;
    try {
      selected = store.read(filter);
    } catch (KafkaException e) {
      err.println("Cannot read dead letters from " + bootstrapServers + ": " + e.getMessage());
      return 1;
    }
    Set<Long> missing = new TreeSet<>(wanted);
    selected.forEach(e -> missing.remove(e.offset()));
    if (!missing.isEmpty()) {
      // A mistyped offset must not turn into a partial replay the operator did not ask for.
      err.println(
          "No dead letter of "
              + pipeline
              + (errorType == null ? "" : " with error type " + errorType)
              + " at offset(s) "
              + missing.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + "; nothing replayed");
      return 1;
    }
    if (selected.isEmpty()) {
      out.println("No dead letters of " + pipeline + " to replay.");
      out.flush();
      return 0;
    }
    Path workDir = null;
    try {
      ValueFix valueFix = ValueFix.NONE;
      if (fix != null) {
        workDir = Files.createTempDirectory("freshet-dlq-");
        valueFix =
            fix.script != null
                ? new ScriptFix(fix.script, workDir)
                : new EditorFix(EditorFix.editorFrom(System.getenv()), workDir);
      }
      // The editor owns the terminal while it runs, so no bar is drawn over it.
      boolean terminal =
          System.console() != null
              && (fix == null || !fix.edit)
              && selected.size() >= PROGRESS_MIN_RECORDS;
      ReplayProgress progress = new ProgressPrinter(err, terminal, System::nanoTime);
      ReplayReport report;
      try {
        report =
            new DeadLetterReplayer(kafkaConfig.connection(bootstrapServers))
                .replay(selected, valueFix, progress);
      } catch (KafkaException e) {
        err.println("Cannot replay to " + bootstrapServers + ": " + e.getMessage());
        return 1;
      }
      out.print(DlqText.report(report, selected.size()));
      out.flush();
      return report.skipped().isEmpty() ? 0 : 1;
    } catch (IOException e) {
      err.println("Cannot prepare the fix: " + e.getMessage());
      return 1;
    } finally {
      if (workDir != null) {
        deleteTree(workDir, err);
      }
    }
  }

  private static void deleteTree(Path dir, PrintWriter err) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      err.println("Warning: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
