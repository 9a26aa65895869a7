package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.BacklogLoader;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.pipelines.fraud.FraudJobIo;
import io.freshet.pipelines.fraud.FraudKafkaIo;
import io.freshet.pipelines.fraud.FraudPipeline;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.testkit.fraud.TransactionStream;
import java.time.Duration;

/**
 * A transaction backlog loaded once per run into the input topic of a private naming, shared by the
 * scenarios that measure on it so they all read the same input; each job writes under its own
 * output version of that naming.
 */
record TransactionBacklog(
    TopicNaming naming, TransactionStream workload, BacklogLoader.Loaded loaded) {

  /** The backlog of {@code events} transactions over {@code customers}, loading it if new. */
  static TransactionBacklog of(BenchContext context, long events, int customers) {
    return of(context, events, customers, DEFAULT_CUSTOMER_GAP);
  }

  /** Each customer's transactions {@link TransactionStream}'s default 30 minutes apart. */
  static final Duration DEFAULT_CUSTOMER_GAP = Duration.ofMinutes(30);

  /** The same, each customer's transactions {@code customerGap} apart on average. */
  static TransactionBacklog of(
      BenchContext context, long events, int customers, Duration customerGap) {
    String gapTag =
        customerGap.equals(DEFAULT_CUSTOMER_GAP) ? "" : "-gap" + customerGap.toMinutes() + "m";
    return context.backlog(
        "transactions:" + events + ":" + customers + gapTag,
        () -> {
          TransactionStream workload =
              FraudWorkloads.stream(context.options().seed(), events, customers, customerGap);
          TopicNaming naming =
              context.kafka().naming("transactions-" + events + "-" + customers + gapTag);
          try {
            String topic =
                context.kafka().createTopic(naming.resolve(FraudTopics.TRANSACTIONS)).name();
            BacklogLoader.Loaded loaded =
                context
                    .loader()
                    .load(topic, BenchRecord.of(workload.iterator()), workload.events());
            return new TransactionBacklog(naming, workload, loaded);
          } catch (Exception e) {
            throw new IllegalStateException("could not load the transaction backlog", e);
          }
        });
  }

  /**
   * The production fraud wiring's source and watermarks on this backlog, read to its end, for the
   * jobs other than the fraud pipeline that read it; {@code version} keeps their groups apart.
   */
  FraudJobIo productionIo(BenchContext context, String version) {
    return FraudKafkaIo.create(
        BenchPipeline.catchUp(
                new FraudPipeline(), context.kafka(), naming.withOutputVersion(version))
            .context());
  }

  /** The real name of the topic the backlog was loaded into. */
  String topic() {
    return naming.name(FraudTopics.TRANSACTIONS);
  }
}
