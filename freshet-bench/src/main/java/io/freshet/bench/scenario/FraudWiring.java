package io.freshet.bench.scenario;

import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.BenchSources;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.pipelines.common.EventTimeWatermarks;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.fraud.FraudDetectionJob;
import io.freshet.pipelines.fraud.FraudJobIo;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.kafka.DeadLetterSerializationSchema;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.kafka.TopicSerializationSchema;
import io.freshet.pipelines.topic.TopicDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The fraud job's production wiring pointed at a run's private topics: the same deserializer,
 * watermarks and exactly-once sinks; only the serving store is left out, so the figures are the
 * pipeline's and Kafka's.
 */
final class FraudWiring {
  /** Production watermark settings. */
  static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(10);

  static final Duration IDLENESS = Duration.ofSeconds(30);

  final TopicDescriptor<String, TransactionDecision> decisions;
  final TopicDescriptor<String, FraudAlert> alerts;
  final String deadLetters;
  private final String tag;

  private FraudWiring(
      TopicDescriptor<String, TransactionDecision> decisions,
      TopicDescriptor<String, FraudAlert> alerts,
      String deadLetters,
      String tag) {
    this.decisions = decisions;
    this.alerts = alerts;
    this.deadLetters = deadLetters;
    this.tag = tag;
  }

  /** Creates the output topics of one job run named after {@code run}. */
  static FraudWiring create(BenchKafka kafka, String run) throws Exception {
    String tag = run + "-" + UUID.randomUUID().toString().substring(0, 6);
    return new FraudWiring(
        kafka.createTopic(FraudTopics.TRANSACTION_DECISIONS, tag + "-decisions"),
        kafka.createTopic(FraudTopics.FRAUD_ALERTS, tag + "-alerts"),
        kafka.createTopic(FraudTopics.TRANSACTIONS_DLQ, tag + "-dlq").name(),
        tag);
  }

  List<String> outputTopics() {
    return List.of(decisions.name(), alerts.name(), deadLetters);
  }

  /** The job reading {@code input}: to its end when {@code bounded}, else until cancelled. */
  FraudDetectionJob job(BenchKafka kafka, String input, boolean bounded) {
    IngestingDeserializationSchema<Transaction> deserializer = deserializer();
    String group = "bench-" + tag;
    KafkaConnection connection = new KafkaConnection(kafka.bootstrapServers());
    FraudJobIo io =
        new FraudJobIo(
            bounded
                ? BenchSources.backlog(kafka, input, group, deserializer)
                : BenchSources.live(kafka, input, group, deserializer),
            EventTimeWatermarks.forIngested(MAX_OUT_OF_ORDERNESS, IDLENESS),
            connection.lowLatencySink(
                new TopicSerializationSchema<String, TransactionDecision>(
                    decisions, TransactionDecision::customerId),
                tag + "-decisions"),
            connection.lowLatencySink(
                new TopicSerializationSchema<String, FraudAlert>(alerts, FraudAlert::customerId),
                tag + "-alerts"),
            connection.exactlyOnceSink(
                new DeadLetterSerializationSchema(
                    FraudTopics.TRANSACTIONS_DLQ.withName(deadLetters)),
                tag + "-dlq"),
            new DiscardingSink<>(),
            new DiscardingSink<>());
    return new FraudDetectionJob(io, FraudRulesConfig.defaults());
  }

  /** The production deserializer of transaction envelopes. */
  static IngestingDeserializationSchema<Transaction> deserializer() {
    return new IngestingDeserializationSchema<>(
        FraudTopics.TRANSACTIONS.valueCodec(),
        Transaction::eventTime,
        PipelineId.of(FraudDetectionJob.NAME),
        TypeInformation.of(new TypeHint<Ingested<Transaction>>() {}));
  }
}
