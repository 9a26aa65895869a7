package io.freshet.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Exit/halt requests Kafka made; each would have killed the test JVM without the hook. */
  private static final List<String> KAFKA_EXIT_REQUESTS = new CopyOnWriteArrayList<>();

  @TempDir static Path sharedLogDir;

  private static EmbeddedKafkaBroker broker;
  private static Admin admin;

  @BeforeAll
  static void startSharedBroker() {
    // Kafka exits the JVM on fatal faults; in tests that must become a visible failure instead.
    Exit.setExitProcedure(
        (status, message) -> {
          KAFKA_EXIT_REQUESTS.add("exit " + status + ": " + message);
          throw new IllegalStateException("Kafka asked to exit(" + status + "): " + message);
        });
    Exit.setHaltProcedure(
        (status, message) -> {
          KAFKA_EXIT_REQUESTS.add("halt " + status + ": " + message);
          throw new IllegalStateException("Kafka asked to halt(" + status + "): " + message);
        });
    broker = new EmbeddedKafkaBroker(freePorts(sharedLogDir)).start();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  static void stopSharedBroker() {
    try {
      if (admin != null) {
        admin.close();
      }
      if (broker != null) {
        broker.close();
      }
      assertThat(KAFKA_EXIT_REQUESTS).as("Kafka exit/halt requests").isEmpty();
    } finally {
      Exit.resetExitProcedure();
      Exit.resetHaltProcedure();
    }
  }

  @Test
  void givenFreshDir_whenStarted_thenTopicsAreCreatedExplicitlyAndNeverAutoCreated()
      throws Exception {
    assertThat(broker.bootstrapServers()).startsWith("localhost:").doesNotEndWith(":0");
    assertThat(
            sharedLogDir.resolve(EmbeddedKafkaBroker.STORAGE_DIR_NAME).resolve("meta.properties"))
        .exists();

    createTopic(admin, "explicit");
    assertThat(admin.listTopics().names().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .contains("explicit");

    Map<String, Object> quickGiveUp = new HashMap<>(producerProps(broker.bootstrapServers()));
    quickGiveUp.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(quickGiveUp)) {
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>("never-declared", "k", bytes("v")))
                      .get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasRootCauseInstanceOf(UnknownTopicOrPartitionException.class)
          .cause()
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining("not present in metadata");
    }
    assertThat(admin.listTopics().names().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .doesNotContain("never-declared");
  }

  @Test
  void givenTopic_whenRecordProducedWithAcksAllAndIdempotence_thenConsumedBackExactlyOnce()
      throws Exception {
    createTopic(admin, "round-trip");

    RecordMetadata written;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerProps(broker.bootstrapServers()))) {
      written =
          producer
              .send(new ProducerRecord<>("round-trip", "card-42", bytes("{\"amount\":12.5}")))
              .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    List<ConsumerRecord<String, byte[]>> read =
        readFromStart(broker.bootstrapServers(), "round-trip", "read_uncommitted");
    assertThat(read).hasSize(1);
    assertThat(read.get(0).offset()).isEqualTo(written.offset());
    assertThat(read.get(0).key()).isEqualTo("card-42");
    assertThat(text(read.get(0).value())).isEqualTo("{\"amount\":12.5}");
  }

  @Test
  void givenTopic_whenFiveMebibyteRecordProduced_thenItIsAcceptedAndReadBackIntact()
      throws Exception {
    createTopic(admin, "large");
    byte[] payload = new byte[5 * 1024 * 1024];
    new Random(7).nextBytes(payload);

    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerProps(broker.bootstrapServers()))) {
      producer
          .send(new ProducerRecord<>("large", "big", payload))
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    List<ConsumerRecord<String, byte[]>> read =
        readFromStart(broker.bootstrapServers(), "large", "read_uncommitted");
    assertThat(read).hasSize(1);
    // Compared as a boolean so a mismatch does not print five megabytes.
    assertThat(Arrays.equals(read.get(0).value(), payload)).isTrue();
  }

  @Test
  void
      givenTransactionalProducer_whenOneTransactionAbortedAndOneCommitted_thenReadCommittedSeesOnlyTheCommit()
          throws Exception {
    createTopic(admin, "transactional");
    Map<String, Object> props = new HashMap<>(producerProps(broker.bootstrapServers()));
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test");

    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactional", "k", bytes("aborted")));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactional", "k", bytes("committed")));
      producer.commitTransaction();
    }

    List<ConsumerRecord<String, byte[]>> read =
        readFromStart(broker.bootstrapServers(), "transactional", "read_committed");
    assertThat(read).extracting(r -> text(r.value())).containsExactly("committed");
  }

  @Test
  void givenProducedRecord_whenBrokerRestartedOnSameDir_thenRecordAndClusterIdSurvive(
      @TempDir Path logDir) throws Exception {
    String clusterId;
    EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(freePorts(logDir)).start();
    try (first) {
      clusterId = first.clusterId();
      try (Admin firstAdmin = adminFor(first)) {
        createTopic(firstAdmin, "durable");
      }
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(producerProps(first.bootstrapServers()))) {
        producer
            .send(new ProducerRecord<>("durable", "k", bytes("survives restart")))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    }
    assertThat(first.isRunning()).isFalse();
    first.close(); // a second close must be a no-op

    try (EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(freePorts(logDir)).start()) {
      assertThat(second.clusterId()).isEqualTo(clusterId);
      List<ConsumerRecord<String, byte[]>> read =
          readFromStart(second.bootstrapServers(), "durable", "read_uncommitted");
      assertThat(read).extracting(r -> text(r.value())).containsExactly("survives restart");
    }
  }

  @Test
  void givenPortAlreadyInUse_whenStarted_thenFailsNamingThePortBeforeTouchingStorage(
      @TempDir Path logDir) throws Exception {
    try (ServerSocket occupant = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
      int taken = occupant.getLocalPort();
      EmbeddedKafkaBroker blocked =
          new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults(logDir).withPorts(taken, 0));

      assertThatThrownBy(blocked::start)
          .isInstanceOf(EmbeddedKafkaException.class)
          .hasMessageContaining("port " + taken)
          .hasMessageContaining("already in use")
          .hasMessageContaining("--bootstrap-servers localhost:" + taken);
      assertThat(blocked.isRunning()).isFalse();
      assertThat(Files.exists(logDir.resolve(EmbeddedKafkaBroker.STORAGE_DIR_NAME))).isFalse();
      blocked.close();
    }
  }

  @Test
  void givenInvalidOverride_whenStarted_thenFailsBeforeFormattingStorage(@TempDir Path logDir) {
    EmbeddedKafkaBroker misconfigured =
        new EmbeddedKafkaBroker(
            freePorts(logDir).withOverrides(Map.of("num.partitions", "not-a-number")));

    assertThatThrownBy(misconfigured::start)
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("num.partitions");
    assertThat(Files.exists(logDir.resolve(EmbeddedKafkaBroker.STORAGE_DIR_NAME))).isFalse();
  }

  @Test
  void givenOnlyALogDir_whenDefaultsUsed_thenLocalhostOnTheStandardPorts(@TempDir Path logDir) {
    EmbeddedKafkaConfig defaults = EmbeddedKafkaConfig.defaults(logDir);

    assertThat(defaults.host()).isEqualTo("localhost");
    assertThat(defaults.port()).isEqualTo(9092);
    assertThat(defaults.controllerPort()).isEqualTo(9093);
    assertThat(defaults.overrides()).isEmpty();
    assertThat(new EmbeddedKafkaConfig(logDir, " ", 0, 0, null).host()).isEqualTo("localhost");
    assertThatThrownBy(() -> defaults.withPorts(9092, 9092))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static EmbeddedKafkaConfig freePorts(Path logDir) {
    // Port 0 everywhere so the test never collides with a Freshet instance on 9092/9093.
    return EmbeddedKafkaConfig.defaults(logDir).withPorts(0, 0);
  }

  private static Admin adminFor(EmbeddedKafkaBroker target) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers()));
  }

  private static void createTopic(Admin client, String name) throws Exception {
    client
        .createTopics(List.of(new NewTopic(name, 1, (short) 1)))
        .all()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static Map<String, Object> producerProps(String bootstrap) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        true,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
        EmbeddedKafkaBroker.MAX_MESSAGE_BYTES,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        ByteArraySerializer.class);
  }

  /** Reads the single partition from offset 0 up to its end offset (the LSO for read_committed). */
  private static List<ConsumerRecord<String, byte[]>> readFromStart(
      String bootstrap, String topic, String isolation) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolation,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class);
    TopicPartition partition = new TopicPartition(topic, 0);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      assertThat(end).as("end offset of %s", topic).isPositive();
      // The consumer is not thread-safe, so Awaitility must poll it on this thread.
      await()
          .pollInSameThread()
          .atMost(WAIT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return consumer.position(partition) >= end;
              });
    }
    return records;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }
}
