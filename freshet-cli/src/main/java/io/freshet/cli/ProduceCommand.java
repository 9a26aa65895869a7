package io.freshet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code freshet produce}: sends JSON lines to a topic with an idempotent, acks=all producer. */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = {
      "Send each line of FILE as one record to a topic (idempotent producer, acks=all).",
      "A line is either JSON, keyed by its partition_key field when it has one,",
      "or KEY<TAB>JSON. Blank lines are skipped."
    })
public final class ProduceCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--topic", required = true, description = "Topic to produce to.")
  String topic;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka cluster (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Mixin KafkaConfigOption kafkaConfig = new KafkaConfigOption();

  @Parameters(index = "0", paramLabel = "FILE", description = "JSON-lines file, or - for stdin.")
  String file;

  @Override
  public Integer call() throws Exception {
    Properties props = kafkaConfig.connection(bootstrapServers).clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(11 * 1024 * 1024));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    int total = "-".equals(file) ? 0 : countLines(Path.of(file));
    // Progress goes to stderr: a redrawn bar on a terminal, a plain line now and then otherwise.
    ProgressPrinter progress =
        new ProgressPrinter(
            new java.io.PrintWriter(System.err, true), System.console() != null, System::nanoTime);
    int count = 0;
    try (BufferedReader in = open();
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      Future<RecordMetadata> last = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        KeyedLine keyed = KeyedLine.parse(line);
        last =
            producer.send(
                new ProducerRecord<>(
                    topic,
                    keyed.key() == null ? null : keyed.key().getBytes(StandardCharsets.UTF_8),
                    keyed.value().getBytes(StandardCharsets.UTF_8)));
        count++;
        if (total > 0) {
          progress.update(count, total);
        }
      }
      producer.flush();
      if (last != null) {
        // flush() does not surface send errors; get() on the last send does.
        last.get();
      }
    }
    System.out.println("Produced " + count + " records to " + topic);
    return 0;
  }

  private static int countLines(Path path) throws IOException {
    try (var lines = Files.lines(path, StandardCharsets.UTF_8)) {
      return (int) lines.filter(l -> !l.isBlank()).count();
    }
  }

  private BufferedReader open() throws IOException {
    return "-".equals(file)
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
  }

  /** One input line split into its key (explicit or the envelope's partition_key) and value. */
  record KeyedLine(String key, String value) {
    static KeyedLine parse(String line) {
      int tab = line.indexOf('\t');
      if (tab > 0 && !line.stripLeading().startsWith("{") && !line.stripLeading().startsWith("[")) {
        return new KeyedLine(line.substring(0, tab), line.substring(tab + 1));
      }
      return new KeyedLine(partitionKey(line), line);
    }

    private static String partitionKey(String json) {
      try {
        JsonNode node = JSON.readTree(json);
        JsonNode key = node == null ? null : node.get("partition_key");
        return key != null && key.isTextual() ? key.asText() : null;
      } catch (IOException e) {
        // Not JSON: sent as is, unkeyed, so the pipeline can dead-letter it with its reason.
        return null;
      }
    }
  }
}
