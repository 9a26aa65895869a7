package io.freshet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.time.Timestamps;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code freshet tail}: prints a topic's records as JSON lines. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Print a topic's records as JSON lines until Ctrl-C (or a limit is reached).")
public final class TailCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--topic", required = true, description = "Topic to read.")
  String topic;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka cluster (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Mixin KafkaConfigOption kafkaConfig = new KafkaConfigOption();

  @Option(names = "--from-beginning", description = "Start at the oldest record, not the end.")
  boolean fromBeginning;

  @Option(
      names = "--committed",
      description = "Only records of committed transactions (isolation.level=read_committed).")
  boolean committed;

  @Option(names = "--max-records", description = "Stop after this many records.")
  long maxRecords = Long.MAX_VALUE;

  @Option(
      names = "--idle-timeout",
      converter = DurationConverter.class,
      description = "Stop when no record arrived for this long, e.g. 10s.")
  Duration idleTimeout;

  @Override
  public Integer call() {
    Properties props = kafkaConfig.connection(bootstrapServers).clientProperties();
    props.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, committed ? "read_committed" : "read_uncommitted");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(25 * 1024 * 1024));
    PrintStream out = System.out;
    AtomicBoolean done = new AtomicBoolean();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Thread main = Thread.currentThread();
      Thread hook =
          new Thread(
              () -> {
                done.set(true);
                consumer.wakeup();
                try {
                  main.join(5000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "freshet-tail-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        System.err.println("Topic " + topic + " does not exist");
        return 1;
      }
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      long printed = 0;
      long lastRecordAt = System.nanoTime();
      while (!done.get() && printed < maxRecords) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          out.println(toJson(r));
          lastRecordAt = System.nanoTime();
          if (++printed >= maxRecords) {
            break;
          }
        }
        out.flush();
        if (idleTimeout != null && System.nanoTime() - lastRecordAt > idleTimeout.toNanos()) {
          break;
        }
      }
      if (!done.get()) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    } catch (WakeupException e) {
      // Ctrl-C: the shutdown hook woke the consumer up so it closes cleanly.
      return 0;
    }
    return 0;
  }

  static String toJson(ConsumerRecord<byte[], byte[]> r) {
    ObjectNode line = JSON.createObjectNode();
    line.put("topic", r.topic());
    line.put("partition", r.partition());
    line.put("offset", r.offset());
    line.put("timestamp", Timestamps.format(r.timestamp()));
    line.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
    if (r.value() == null) {
      line.putNull("value");
    } else {
      line.set("value", valueNode(r.value()));
    }
    return line.toString();
  }

  private static JsonNode valueNode(byte[] value) {
    try {
      JsonNode parsed = JSON.readTree(value);
      if (parsed != null) {
        return parsed;
      }
    } catch (IOException e) {
      // Not JSON: shown as text below so the line stays valid JSON.
    }
    return JSON.getNodeFactory().textNode(new String(value, StandardCharsets.UTF_8));
  }
}
