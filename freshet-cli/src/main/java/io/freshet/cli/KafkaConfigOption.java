package io.freshet.cli;

import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.runtime.config.KafkaClientConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --kafka-config FILE}: client properties (TLS, SASL) for every Kafka client a command
 * creates, shared by {@code run}, {@code produce}, {@code tail} and {@code dlq}.
 */
public final class KafkaConfigOption {
  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties (security.protocol, sasl.*, ssl.* …) for every producer,"
              + " consumer and admin, and for the Flink jobs.")
  Path file;

  /** The properties of the file, empty without one. */
  Map<String, String> properties() {
    return file == null ? Map.of() : KafkaClientConfig.load(file);
  }

  /** The cluster at {@code bootstrapServers} with the file's properties. */
  KafkaConnection connection(String bootstrapServers) {
    return new KafkaConnection(
        bootstrapServers, io.freshet.pipelines.kafka.SourceStart.COMMITTED, properties());
  }
}
