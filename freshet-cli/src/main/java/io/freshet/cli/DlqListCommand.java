package io.freshet.cli;

import io.freshet.core.envelope.ErrorType;
import io.freshet.runtime.deadletter.DeadLetterFilter;
import io.freshet.runtime.deadletter.DeadLetterStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code freshet dlq list}: dead letters counted by pipeline and error type, then one per line. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Read every dead-letter topic (committed records, up to the end at start) and print",
      "counts by pipeline and error type, then one line per dead letter: offset, failed_at,",
      "pipeline, error type, error message and the first 60 characters of the original value."
    })
public final class DlqListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--pipeline", description = "Only dead letters of this pipeline.")
  String pipeline;

  @Option(
      names = "--error-type",
      converter = DlqCommand.ErrorTypeConverter.class,
      description = "Only this error type, e.g. INVALID_FIELD.")
  ErrorType errorType;

  @Option(
      names = "--since",
      converter = DlqCommand.SinceConverter.class,
      description =
          "Only dead letters that failed since: 2026-11-26T12:00:00Z, 2026-11-26, 2h, 7d.")
  Instant since;

  @Option(names = "--topic", description = "Only this dead-letter topic.")
  String topic;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka cluster (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Mixin KafkaConfigOption kafkaConfig = new KafkaConfigOption();

  @Override
  public Integer call() {
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
    DeadLetterFilter filter =
        DeadLetterFilter.all()
            .withTopic(topic)
            .withPipeline(pipeline)
            .withErrorType(errorType)
            .withSince(since);
    try {
      out.print(DlqText.listing(store.list(filter)));
    } catch (KafkaException e) {
      err.println("Cannot read dead letters from " + bootstrapServers + ": " + e.getMessage());
      return 1;
    }
    out.flush();
    return 0;
  }
}
