package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.BacklogLoader;
import io.freshet.bench.workload.TransactionWorkload;
import io.freshet.pipelines.fraud.FraudTopics;

/**
 * A transaction backlog loaded once per run into a private topic, shared by the scenarios that
 * measure on it so they all read the same input.
 */
record TransactionBacklog(String topic, TransactionWorkload workload, BacklogLoader.Loaded loaded) {

  /** The backlog of {@code events} transactions over {@code customers}, loading it if new. */
  static TransactionBacklog of(BenchContext context, long events, int customers) {
    return context.backlog(
        "transactions:" + events + ":" + customers,
        () -> {
          TransactionWorkload workload =
              new TransactionWorkload(context.options().seed(), events, customers);
          try {
            String topic =
                context
                    .kafka()
                    .createTopic(
                        FraudTopics.TRANSACTIONS, "transactions-" + events + "-" + customers)
                    .name();
            BacklogLoader.Loaded loaded =
                context.loader().load(topic, workload.records(), workload.events());
            return new TransactionBacklog(topic, workload, loaded);
          } catch (Exception e) {
            throw new IllegalStateException("could not load the transaction backlog", e);
          }
        });
  }
}
