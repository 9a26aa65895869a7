package io.freshet.pipelines.fraud;

import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.pipelines.common.EventTimeWatermarks;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.kafka.DeadLetterSerializationSchema;
import io.freshet.pipelines.kafka.Ingested;
import io.freshet.pipelines.kafka.IngestingDeserializationSchema;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.kafka.TopicSerializationSchema;
import io.freshet.pipelines.topic.Topics;
import io.freshet.serving.ServingStoreSink;
import io.freshet.serving.ServingTables;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The production wiring of the fraud job to Kafka topics, exactly once. */
public final class FraudKafkaIo {
  /** Consumer group of the fraud job; offsets are committed on checkpoints. */
  public static final String GROUP_ID = "freshet-fraud-detection";

  private FraudKafkaIo() {}

  /**
   * Source and sinks on the cluster behind {@code kafka} and the serving store at {@code storeUrl}.
   */
  public static FraudJobIo create(
      KafkaConnection kafka, Duration maxOutOfOrderness, Duration idleness, String storeUrl) {
    TypeInformation<Ingested<Transaction>> ingestedType =
        TypeInformation.of(new TypeHint<Ingested<Transaction>>() {});
    IngestingDeserializationSchema<Transaction> deserializer =
        new IngestingDeserializationSchema<>(
            Topics.TRANSACTIONS.valueCodec(),
            Transaction::eventTime,
            PipelineId.of(FraudDetectionJob.NAME),
            ingestedType);
    return new FraudJobIo(
        kafka.source(Topics.TRANSACTIONS.name(), GROUP_ID, deserializer),
        EventTimeWatermarks.forIngested(maxOutOfOrderness, idleness),
        kafka.lowLatencySink(
            new TopicSerializationSchema<String, TransactionDecision>(
                Topics.TRANSACTION_DECISIONS, TransactionDecision::customerId),
            "freshet-fraud-decisions"),
        kafka.lowLatencySink(
            new TopicSerializationSchema<String, FraudAlert>(
                Topics.FRAUD_ALERTS, FraudAlert::customerId),
            "freshet-fraud-alerts"),
        kafka.exactlyOnceSink(
            new DeadLetterSerializationSchema(Topics.TRANSACTIONS_DLQ),
            "freshet-fraud-dead-letters"),
        new ServingStoreSink<>(storeUrl, ServingTables.TRANSACTION_DECISIONS),
        new ServingStoreSink<>(storeUrl, ServingTables.FRAUD_ALERTS));
  }
}
