package io.freshet.pipelines.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.pipelines.common.DeadLetterRecord;
import io.freshet.pipelines.common.EventTimeWatermarks;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.testing.CollectingSink;
import io.freshet.testkit.fraud.FraudReference;
import io.freshet.testkit.fraud.GeneratedRecord;
import io.freshet.testkit.fraud.MalformedKind;
import io.freshet.testkit.fraud.ReferenceResult;
import io.freshet.testkit.fraud.Scenario;
import io.freshet.testkit.fraud.TransactionScenarioGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole fraud job on a Flink MiniCluster, between an in-memory bounded source of raw records
 * and collecting sinks, checked exactly against the testkit's independent reference.
 */
class FraudDetectionJobTest {
  static final long SEED = 20261127L;

  /** Broker append time of each record after its event time, as a prompt producer would get. */
  static final Duration APPEND_DELAY = Duration.ofMillis(50);

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  @Test
  void decisionsAlertsAndDeadLettersMatchTheReferenceExactly() throws Exception {
    // Given a seeded scenario with planted fraud, out-of-order arrivals, duplicate deliveries
    // and one record that is not JSON and one with a negative amount
    Scenario scenario =
        TransactionScenarioGenerator.withSeed(SEED)
            .customers(300)
            .plantsPerPattern(2)
            .outOfOrderCustomers(3)
            .duplicates(6)
            .malformed(MalformedKind.NOT_JSON, 1)
            .malformed(MalformedKind.NEGATIVE_AMOUNT, 1)
            .generate();
    ReferenceResult expected = FraudReference.compute(scenario);
    CollectingSink<TransactionDecision> decisions = new CollectingSink<>();
    CollectingSink<FraudAlert> alerts = new CollectingSink<>();
    CollectingSink<DeadLetterRecord> deadLetters = new CollectingSink<>();

    // When the job runs over its records in production order with parallelism 1
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    new FraudDetectionJob(
            new FraudJobIo(
                source(scenario.records()),
                EventTimeWatermarks.forIngested(Duration.ofSeconds(10), Duration.ofSeconds(30)),
                decisions,
                alerts,
                deadLetters,
                new CollectingSink<>(),
                new CollectingSink<>()),
            FraudRulesConfig.defaults())
        .wireInto(env);
    env.execute("fraud-detection-job-test");

    // Then every valid first delivery is decided once, as the reference decides it
    List<TransactionDecision> decided = decisions.values();
    assertThat(decided).extracting(TransactionDecision::transactionId).doesNotHaveDuplicates();
    Map<String, String> verdicts =
        decided.stream()
            .collect(
                Collectors.toMap(TransactionDecision::transactionId, d -> d.decision().name()));
    assertThat(verdicts).isEqualTo(expected.expectedDecisions());
    // and the alert ids are exactly the reference's, none twice
    List<String> alertIds = alerts.values().stream().map(FraudAlert::alertId).toList();
    assertThat(alertIds).doesNotHaveDuplicates();
    assertThat(alertIds).containsExactlyInAnyOrderElementsOf(expected.expectedAlerts());
    // and the two malformed records are dead-lettered with their key and error type
    List<DeadLetter> letters =
        deadLetters.values().stream().map(r -> DeadLetterCodec.fromJson(r.value())).toList();
    assertThat(letters).hasSize((int) expected.malformed());
    assertThat(letters)
        .extracting(DeadLetter::errorType)
        .containsExactlyInAnyOrder(ErrorType.NOT_JSON, ErrorType.INVALID_FIELD);
    assertThat(letters)
        .extracting(DeadLetter::originalKey)
        .containsExactlyInAnyOrderElementsOf(
            scenario.malformedRecords().stream().map(GeneratedRecord::key).toList());
    assertThat(letters).allMatch(l -> FraudDetectionJob.NAME.equals(l.pipeline()));
    // and every record is accounted for
    assertThat(decided.size() + letters.size() + expected.duplicates()).isEqualTo(scenario.size());
    assertThat(expected.duplicates()).isEqualTo(scenario.count(GeneratedRecord.Kind.DUPLICATE));
  }

  /**
   * A bounded source emitting {@code records} in order as the Kafka source would: each raw record
   * goes through the production {@link IngestingDeserializationSchema}, so invalid ones become dead
   * letters there.
   */
  private static DataGeneratorSource<Ingested<Transaction>> source(List<GeneratedRecord> records) {
    TypeInformation<Ingested<Transaction>> type =
        TypeInformation.of(new TypeHint<Ingested<Transaction>>() {});
    IngestingDeserializationSchema<Transaction> schema =
        new IngestingDeserializationSchema<>(
            FraudTopics.TRANSACTIONS.valueCodec(),
            Transaction::eventTime,
            PipelineId.of(FraudDetectionJob.NAME),
            type);
    byte[][] keys = new byte[records.size()][];
    byte[][] values = new byte[records.size()][];
    long[] appendTimes = new long[records.size()];
    for (int i = 0; i < records.size(); i++) {
      GeneratedRecord r = records.get(i);
      keys[i] = r.key().getBytes(StandardCharsets.UTF_8);
      values[i] = r.value();
      appendTimes[i] = r.eventTime().plus(APPEND_DELAY).toEpochMilli();
    }
    return new DataGeneratorSource<>(
        new RawRecords(schema, FraudTopics.TRANSACTIONS.name(), keys, values, appendTimes),
        records.size(),
        type);
  }

  /** Index n of the source becomes offset n of partition 0, ingested by the production schema. */
  private record RawRecords(
      IngestingDeserializationSchema<Transaction> schema,
      String topic,
      byte[][] keys,
      byte[][] values,
      long[] appendTimes)
      implements GeneratorFunction<Long, Ingested<Transaction>> {

    @Override
    public Ingested<Transaction> map(Long index) {
      int i = Math.toIntExact(index);
      ConsumerRecord<byte[], byte[]> record =
          new ConsumerRecord<>(
              topic,
              0,
              i,
              appendTimes[i],
              TimestampType.LOG_APPEND_TIME,
              keys[i].length,
              values[i] == null ? -1 : values[i].length,
              keys[i],
              values[i],
              new RecordHeaders(),
              Optional.empty());
      List<Ingested<Transaction>> out = new ArrayList<>(1);
      schema.deserialize(
          record,
          new Collector<>() {
            @Override
            public void collect(Ingested<Transaction> ingested) {
              out.add(ingested);
            }

            @Override
            public void close() {}
          });
      return out.get(0);
    }
  }
}
