package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.BacklogLoader;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.testkit.fraud.TransactionStream;

/**
 * A transaction backlog loaded once per run into a private topic, shared by the scenarios that
 * measure on it so they all read the same input.
 */
record TransactionBacklog(String topic, TransactionStream workload, BacklogLoader.Loaded loaded) {

  /** The backlog of {@code events} transactions over {@code customers}, loading it if new. */
  static TransactionBacklog of(BenchContext context, long events, int customers) {
    return context.backlog(
        "transactions:" + events + ":" + customers,
        () -> {
          TransactionStream workload =
              FraudWorkloads.stream(context.options().seed(), events, customers);
          try {
            String topic =
                context
                    .kafka()
                    .createTopic(
                        FraudTopics.TRANSACTIONS, "transactions-" + events + "-" + customers)
                    .name();
            BacklogLoader.Loaded loaded =
                context
                    .loader()
                    .load(topic, BenchRecord.of(workload.iterator()), workload.events());
            return new TransactionBacklog(topic, workload, loaded);
          } catch (Exception e) {
            throw new IllegalStateException("could not load the transaction backlog", e);
          }
        });
  }
}
