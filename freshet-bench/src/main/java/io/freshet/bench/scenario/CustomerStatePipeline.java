package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.BenchSources;
import io.freshet.bench.workload.BenchRecord;
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
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.testkit.fraud.PlainTransactions;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** The fraud job with one transaction per customer: every customer gets one history. */
final class CustomerStatePipeline implements KeyedPipeline {
  private static final FreshetConfig PRODUCTION = FreshetConfig.defaults();
  private static final String CUSTOMER_PREFIX = "sc-";

  private final int keys;
  private final long seed;

  CustomerStatePipeline(int keys, long seed) {
    this.keys = keys;
    this.seed = seed;
  }

  @Override
  public String keyKind() {
    return "customers";
  }

  @Override
  public String jobName() {
    return "state-" + FraudDetectionJob.NAME;
  }

  @Override
  public int keys() {
    return keys;
  }

  @Override
  public String keyPrefix() {
    return CUSTOMER_PREFIX;
  }

  @Override
  public boolean measureHeap() {
    return true;
  }

  @Override
  public String createInput(BenchKafka kafka) throws Exception {
    return kafka.createTopic(FraudTopics.TRANSACTIONS, "state-transactions").name();
  }

  @Override
  public void load(BenchContext context, String input) {
    PlainTransactions transactions = FraudWorkloads.plain(seed);
    Iterator<BenchRecord> records =
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys;
          }

          @Override
          public BenchRecord next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return BenchRecord.of(
                transactions.next(
                    CUSTOMER_PREFIX + i, "stx-" + i, FraudWorkloads.EVENT_TIME_BASE + i % 60_000));
          }
        };
    context.loader().load(input, records, keys);
  }

  @Override
  public List<StateOutput> createOutputs(BenchKafka kafka, String tag) throws Exception {
    return List.of(
        new StateOutput(
            kafka.createTopic(FraudTopics.TRANSACTION_DECISIONS, tag + "-decisions").name(),
            keys,
            true),
        new StateOutput(
            kafka.createTopic(FraudTopics.FRAUD_ALERTS, tag + "-alerts").name(), -1, false),
        new StateOutput(
            kafka.createTopic(FraudTopics.TRANSACTIONS_DLQ, tag + "-dlq").name(), 0, false));
  }

  @Override
  public Consumer<StreamExecutionEnvironment> wiring(
      BenchKafka kafka, String input, List<StateOutput> outputs, String tag) {
    KafkaConnection connection = new KafkaConnection(kafka.bootstrapServers());
    IngestingDeserializationSchema<Transaction> deserializer =
        new IngestingDeserializationSchema<>(
            FraudTopics.TRANSACTIONS.valueCodec(),
            Transaction::eventTime,
            PipelineId.of(FraudDetectionJob.NAME),
            TypeInformation.of(new TypeHint<Ingested<Transaction>>() {}));
    FraudJobIo io =
        new FraudJobIo(
            BenchSources.live(kafka, input, "bench-" + tag, deserializer),
            EventTimeWatermarks.forIngested(
                PRODUCTION.maxOutOfOrderness(), PRODUCTION.sourceIdleness()),
            connection.exactlyOnceSink(
                new TopicSerializationSchema<String, TransactionDecision>(
                    FraudTopics.TRANSACTION_DECISIONS.withName(outputs.get(0).topic()),
                    TransactionDecision::customerId),
                tag + "-decisions"),
            connection.exactlyOnceSink(
                new TopicSerializationSchema<String, FraudAlert>(
                    FraudTopics.FRAUD_ALERTS.withName(outputs.get(1).topic()),
                    FraudAlert::customerId),
                tag + "-alerts"),
            connection.exactlyOnceSink(
                new DeadLetterSerializationSchema(
                    FraudTopics.TRANSACTIONS_DLQ.withName(outputs.get(2).topic())),
                tag + "-dlq"),
            new DiscardingSink<>(),
            new DiscardingSink<>());
    return new FraudDetectionJob(io, FraudRulesConfig.defaults())::wireInto;
  }
}
