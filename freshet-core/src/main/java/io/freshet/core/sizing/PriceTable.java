package io.freshet.core.sizing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The prices a capacity plan's monthly cost is worked out with, in USD, read from {@code
 * prices.properties} beside this class (illustrative list prices, check your provider).
 *
 * @param date when the prices were written down
 * @param source what they are, as printed above the cost
 * @param brokerVmPerHour one broker's VM
 * @param controllerVmPerHour one KRaft controller's VM
 * @param taskManagerVmPerHour one TaskManager's VM, and the JobManager's
 * @param diskPerGbMonth the brokers' block storage
 * @param crossZonePerGb replication traffic between zones
 * @param managedKafkaClusterPerHour a managed Kafka cluster
 * @param managedKafkaPartitionPerHour one partition of it
 * @param managedKafkaInPerGb data produced to it
 * @param managedKafkaOutPerGb data consumed from it
 * @param managedKafkaStoragePerGbMonth data kept in it, once (the provider replicates)
 * @param managedFlinkUnitPerHour one managed Flink processing unit
 * @param managedFlinkStoragePerGbMonth the running storage that comes with each unit
 * @param managedFlinkStorageGbPerUnit how much running storage comes with each unit
 */
public record PriceTable(
    String date,
    String source,
    BigDecimal brokerVmPerHour,
    BigDecimal controllerVmPerHour,
    BigDecimal taskManagerVmPerHour,
    BigDecimal diskPerGbMonth,
    BigDecimal crossZonePerGb,
    BigDecimal managedKafkaClusterPerHour,
    BigDecimal managedKafkaPartitionPerHour,
    BigDecimal managedKafkaInPerGb,
    BigDecimal managedKafkaOutPerGb,
    BigDecimal managedKafkaStoragePerGbMonth,
    BigDecimal managedFlinkUnitPerHour,
    BigDecimal managedFlinkStoragePerGbMonth,
    BigDecimal managedFlinkStorageGbPerUnit) {

  static final String RESOURCE = "prices.properties";

  /** The table shipped with Freshet. */
  public static PriceTable defaults() {
    return from(defaultProperties());
  }

  /**
   * The shipped table with the prices of {@code overrides} (a properties file) in place of its own;
   * keys it does not name keep their shipped price.
   *
   * @throws IllegalArgumentException when a price is not a number, or a key is unknown
   */
  public static PriceTable withOverrides(Reader overrides) throws IOException {
    Properties given = new Properties();
    given.load(overrides);
    Properties merged = defaultProperties();
    for (String key : given.stringPropertyNames()) {
      if (!merged.containsKey(key)) {
        // A typo would silently keep the shipped price: refuse it instead.
        throw new IllegalArgumentException(
            "unknown price '" + key + "'; the keys are those of " + RESOURCE);
      }
      merged.setProperty(key, given.getProperty(key));
    }
    return from(merged);
  }

  /** A table from properties that name every price. */
  static PriceTable from(Properties p) {
    return new PriceTable(
        text(p, "prices.date"),
        text(p, "prices.source"),
        price(p, "selfmanaged.broker.vm.per.hour"),
        price(p, "selfmanaged.controller.vm.per.hour"),
        price(p, "selfmanaged.taskmanager.vm.per.hour"),
        price(p, "selfmanaged.disk.per.gb.month"),
        price(p, "selfmanaged.crosszone.per.gb"),
        price(p, "managed.kafka.cluster.per.hour"),
        price(p, "managed.kafka.partition.per.hour"),
        price(p, "managed.kafka.in.per.gb"),
        price(p, "managed.kafka.out.per.gb"),
        price(p, "managed.kafka.storage.per.gb.month"),
        price(p, "managed.flink.unit.per.hour"),
        price(p, "managed.flink.storage.per.gb.month"),
        price(p, "managed.flink.storage.gb.per.unit"));
  }

  private static Properties defaultProperties() {
    Properties p = new Properties();
    try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return p;
  }

  private static String text(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the price table lacks " + key);
    }
    return value.strip();
  }

  private static BigDecimal price(Properties p, String key) {
    String value = text(p, key);
    try {
      BigDecimal price = new BigDecimal(value);
      if (price.signum() < 0) {
        throw new IllegalArgumentException(key + " must not be negative, was " + value);
      }
      return price;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not a number: '" + value + "'");
    }
  }
}
