package io.freshet.pipelines.fraud;

import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.kafka.DeadLetterSerializationSchema;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.kafka.TopicSerializationSchema;
import io.freshet.pipelines.plugin.PipelineContext;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The production wiring of the fraud job to Kafka topics, exactly once. */
public final class FraudKafkaIo {
  /** Consumer group of the fraud job; offsets are committed on checkpoints. */
  public static final String GROUP_ID = "freshet-fraud-detection";

  private FraudKafkaIo() {}

  /** Source and sinks on the context's cluster, topics and store. */
  public static FraudJobIo create(PipelineContext ctx) {
    KafkaConnection kafka = ctx.kafka();
    TypeInformation<Ingested<Transaction>> ingestedType =
        TypeInformation.of(new TypeHint<Ingested<Transaction>>() {});
    IngestingDeserializationSchema<Transaction> deserializer =
        new IngestingDeserializationSchema<>(
            ctx.topic(FraudTopics.TRANSACTIONS).valueCodec(),
            Transaction::eventTime,
            PipelineId.of(FraudDetectionJob.NAME),
            ingestedType);
    return new FraudJobIo(
        kafka.source(ctx.topic(FraudTopics.TRANSACTIONS).name(), ctx.id(GROUP_ID), deserializer),
        ctx.watermarks(),
        kafka.lowLatencySink(
            new TopicSerializationSchema<String, TransactionDecision>(
                ctx.topic(FraudTopics.TRANSACTION_DECISIONS), TransactionDecision::customerId),
            ctx.id("freshet-fraud-decisions")),
        kafka.lowLatencySink(
            new TopicSerializationSchema<String, FraudAlert>(
                ctx.topic(FraudTopics.FRAUD_ALERTS), FraudAlert::customerId),
            ctx.id("freshet-fraud-alerts")),
        kafka.exactlyOnceSink(
            new DeadLetterSerializationSchema(ctx.topic(FraudTopics.TRANSACTIONS_DLQ)),
            ctx.id("freshet-fraud-dead-letters")),
        ctx.store().sink(FraudTables.TRANSACTION_DECISIONS),
        ctx.store().sink(FraudTables.FRAUD_ALERTS));
  }
}
