package io.freshet.cli;

import io.freshet.runtime.deadletter.DeadLetterEntry;
import io.freshet.runtime.deadletter.DeadLetterStore;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code freshet dlq show}: one whole dead letter. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Print the whole dead letter at OFFSET: error, source coordinates, replay count,",
      "original key, headers and value, and the stack trace when an exception caused it."
    })
public final class DlqShowCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OFFSET", description = "Offset in the dead-letter topic.")
  long offset;

  @Option(
      names = "--topic",
      defaultValue = "transactions.dlq",
      description = "Dead-letter topic (default: ${DEFAULT-VALUE}).")
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
    if (!store.topics().contains(topic)) {
      err.println(store.notADeadLetterTopic(topic));
      return 2;
    }
    Optional<DeadLetterEntry> entry;
    try {
      entry = store.find(topic, offset);
    } catch (KafkaException e) {
      err.println("Cannot read dead letters from " + bootstrapServers + ": " + e.getMessage());
      return 1;
    }
    if (entry.isEmpty()) {
      err.println("No dead letter at offset " + offset + " of " + topic);
      return 1;
    }
    out.print(DlqText.entry(entry.get()));
    out.flush();
    return 0;
  }
}
