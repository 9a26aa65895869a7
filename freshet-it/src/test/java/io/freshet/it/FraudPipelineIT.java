package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudAlertCodec;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.TransactionDecisionCodec;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.testkit.fraud.FraudReference;
import io.freshet.testkit.fraud.GeneratedRecord;
import io.freshet.testkit.fraud.MalformedKind;
import io.freshet.testkit.fraud.ReferenceResult;
import io.freshet.testkit.fraud.Scenario;
import io.freshet.testkit.fraud.TransactionScenarioGenerator;
import io.freshet.testkit.kafka.TestProducer;
import io.freshet.testkit.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fraud pipeline on the real embedded broker and a Flink MiniCluster, checked against an
 * independent reference computation over a seeded scenario with planted fraud, duplicates and
 * malformed records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FraudPipelineIT {
  static final long SEED = 20261126L;
  static final int OVERSIZED_BYTES = (1 << 20) + 1;

  @TempDir static Path dataDir;
  FreshetPlatform platform;

  @BeforeAll
  void startPlatform() throws Exception {
    platform = FreshetPlatform.start(TestConfigs.inProcess(dataDir), line -> {});
  }

  @AfterAll
  void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void alertsDecisionsAndDeadLettersMatchTheReferenceExactlyOnce() throws Exception {
    // Given a seeded scenario of thousands of customers with planted fraud, duplicates, malformed
    Scenario scenario =
        TransactionScenarioGenerator.withSeed(SEED)
            .customers(2000)
            .plantsPerPattern(15)
            .outOfOrderCustomers(20)
            .duplicates(40)
            .malformedPerKind(3)
            .generate();
    ReferenceResult expected = FraudReference.compute(scenario);
    // and three records the generator does not make: oversized, not UTF-8, with headers
    byte[] oversized = new byte[OVERSIZED_BYTES];
    Arrays.fill(oversized, (byte) 'x');
    byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};

    // When everything is produced to the transactions topic in order
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (GeneratedRecord r : scenario.records()) {
        producer.send(
            new ProducerRecord<>(FraudTopics.TRANSACTIONS.name(), utf8(r.key()), r.value()));
      }
      producer.send(
          new ProducerRecord<>(FraudTopics.TRANSACTIONS.name(), utf8("big-customer"), oversized));
      ProducerRecord<byte[], byte[]> binary =
          new ProducerRecord<>(FraudTopics.TRANSACTIONS.name(), utf8("binary-customer"), notUtf8);
      binary.headers().add(new RecordHeader("trace", utf8("abc-123")));
      producer.send(binary);
      producer.flush();
    }
    long recordsIn = scenario.size() + 2L;
    long expectedDeadLetters = expected.malformed() + 2;

    // Then read_committed consumers eventually see one decision per unique valid transaction
    try (TopicReader decisions = reader(FraudTopics.TRANSACTION_DECISIONS.name());
        TopicReader alerts = reader(FraudTopics.FRAUD_ALERTS.name());
        TopicReader deadLetters = reader(FraudTopics.TRANSACTIONS_DLQ.name())) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () ->
                  assertThat(List.of(decisions.poll().size(), deadLetters.poll().size()))
                      .as("decisions and dead letters read so far")
                      .isEqualTo(List.of((int) expected.validUnique(), (int) expectedDeadLetters)));
      // Alerts are committed by the same checkpoints as the decisions they belong to.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () ->
                  assertThat(
                          alerts.poll().stream()
                              .map(r -> new FraudAlertCodec().decode(r.value()).alertId())
                              .toList())
                      .containsExactlyInAnyOrderElementsOf(expected.expectedAlerts()));

      List<TransactionDecision> decided =
          decisions.records().stream()
              .map(r -> new TransactionDecisionCodec().decode(r.value()))
              .toList();
      List<String> alertIds =
          alerts.records().stream()
              .map(r -> new FraudAlertCodec().decode(r.value()))
              .map(FraudAlert::alertId)
              .toList();
      List<DeadLetter> letters =
          deadLetters.records().stream().map(r -> DeadLetterCodec.fromJson(r.value())).toList();

      // exactly once: no id appears twice
      assertThat(alertIds).doesNotHaveDuplicates();
      assertThat(decided).extracting(TransactionDecision::transactionId).doesNotHaveDuplicates();
      // the same alerts as the reference, and the same decisions
      assertThat(alertIds).containsExactlyInAnyOrderElementsOf(expected.expectedAlerts());
      Map<String, String> verdicts =
          decided.stream()
              .collect(
                  Collectors.toMap(TransactionDecision::transactionId, d -> d.decision().name()));
      assertThat(verdicts).isEqualTo(expected.expectedDecisions());
      // every record is accounted for
      assertThat(recordsIn).isEqualTo(decided.size() + letters.size() + expected.duplicates());
      assertThat(expected.duplicates()).isEqualTo(scenario.count(GeneratedRecord.Kind.DUPLICATE));

      // dead letters: one per malformed record, with the error type of its kind
      Map<ErrorType, Long> byType =
          letters.stream()
              .collect(Collectors.groupingBy(DeadLetter::errorType, Collectors.counting()));
      Map<ErrorType, Long> expectedByType = new HashMap<>();
      scenario
          .malformedCounts()
          .forEach((kind, n) -> expectedByType.merge(kind.expectedErrorType(), n, Long::sum));
      expectedByType.merge(ErrorType.OVERSIZED, 1L, Long::sum);
      expectedByType.merge(ErrorType.NOT_JSON, 1L, Long::sum);
      assertThat(byType).isEqualTo(expectedByType);

      DeadLetter big = single(letters, l -> "big-customer".equals(l.originalKey()));
      assertThat(big.errorType()).isEqualTo(ErrorType.OVERSIZED);
      assertThat(big.originalValueBytes()).isEqualTo(oversized);
      assertThat(big.pipeline()).isEqualTo("fraud-detection");
      assertThat(big.sourceTopic()).isEqualTo(FraudTopics.TRANSACTIONS.name());

      DeadLetter binary = single(letters, l -> "binary-customer".equals(l.originalKey()));
      assertThat(binary.valueEncoding()).isEqualTo(DeadLetter.BASE64);
      assertThat(binary.originalValueBytes()).isEqualTo(notUtf8);
      assertThat(binary.headers()).hasSize(1);
      assertThat(binary.headers().get(0).key()).isEqualTo("trace");
      assertThat(binary.headers().get(0).value()).isEqualTo("abc-123");
      assertThat(binary.stackTrace()).isNotBlank();
    }
  }

  private static DeadLetter single(
      List<DeadLetter> letters, java.util.function.Predicate<DeadLetter> which) {
    List<DeadLetter> found = letters.stream().filter(which).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private TopicReader reader(String topic) {
    return TopicReader.committed(platform.bootstrapServers(), topic);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return TestProducer.create(platform.bootstrapServers());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
    return items.stream().collect(Collectors.toMap(id, t -> t));
  }

  static long countOf(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.size();
  }

  static MalformedKind[] kinds() {
    return MalformedKind.values();
  }
}
