package io.freshet.runtime.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The client properties of {@code --kafka-config FILE} (Java properties: {@code security.protocol},
 * {@code sasl.*}, {@code ssl.*}…), passed to every producer, consumer and admin Freshet creates and
 * to the Flink jobs' sources and sinks.
 */
public final class KafkaClientConfig {
  /**
   * Keys the platform sets itself: given in the file they would be overridden or break a client.
   */
  static final List<String> RESERVED =
      List.of(
          "bootstrap.servers",
          "key.serializer",
          "value.serializer",
          "key.deserializer",
          "value.deserializer",
          "transactional.id",
          "group.id");

  private KafkaClientConfig() {}

  /**
   * Reads {@code file}.
   *
   * @throws InvalidConfigException when it cannot be read or sets a key Freshet sets itself
   */
  public static Map<String, String> load(Path file) {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new InvalidConfigException(
          List.of("--kafka-config " + file + " cannot be read: " + e.getMessage()));
    }
    Map<String, String> config = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> config.put(k, props.getProperty(k).trim()));
    List<String> reserved = RESERVED.stream().filter(config::containsKey).toList();
    if (!reserved.isEmpty()) {
      throw new InvalidConfigException(
          List.of(
              "--kafka-config "
                  + file
                  + " sets "
                  + String.join(", ", reserved)
                  + ", which Freshet sets itself (give the cluster with --bootstrap-servers)"));
    }
    return config;
  }
}
