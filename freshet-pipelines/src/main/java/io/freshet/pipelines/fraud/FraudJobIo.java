package io.freshet.pipelines.fraud;

import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.pipelines.common.DeadLetterRecord;
import io.freshet.pipelines.common.Ingested;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;

/**
 * The source and sinks the fraud job is wired between: Kafka and the serving store in production,
 * anything else in tests.
 */
public record FraudJobIo(
    Source<Ingested<Transaction>, ?, ?> transactions,
    WatermarkStrategy<Ingested<Transaction>> watermarks,
    Sink<TransactionDecision> decisions,
    Sink<FraudAlert> alerts,
    Sink<DeadLetterRecord> deadLetters,
    Sink<TransactionDecision> decisionStore,
    Sink<FraudAlert> alertStore) {}
