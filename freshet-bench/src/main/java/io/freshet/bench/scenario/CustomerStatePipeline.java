package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.pipelines.fraud.FraudDetectionJob;
import io.freshet.pipelines.fraud.FraudPipeline;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.testkit.fraud.PlainTransactions;
import java.util.List;

/** The fraud job with one transaction per customer: every customer gets one history. */
final class CustomerStatePipeline implements KeyedPipeline {
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
  public FreshetPipeline pipeline() {
    return new FraudPipeline();
  }

  @Override
  public TopicDescriptor<?, ?> input() {
    return FraudTopics.TRANSACTIONS;
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
  public void load(BenchContext context, String input) {
    PlainTransactions transactions = FraudWorkloads.plain(seed);
    loadOnePerKey(
        context,
        input,
        i ->
            BenchRecord.of(
                transactions.next(
                    CUSTOMER_PREFIX + i, "stx-" + i, FraudWorkloads.EVENT_TIME_BASE + i % 60_000)));
  }

  @Override
  public List<StateOutput> outputs(TopicNaming naming) {
    return List.of(
        new StateOutput(naming.name(FraudTopics.TRANSACTION_DECISIONS), keys, true),
        new StateOutput(naming.name(FraudTopics.FRAUD_ALERTS), -1, false),
        new StateOutput(naming.name(FraudTopics.TRANSACTIONS_DLQ), 0, false));
  }
}
