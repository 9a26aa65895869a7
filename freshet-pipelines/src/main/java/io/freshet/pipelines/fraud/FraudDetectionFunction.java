package io.freshet.pipelines.fraud;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.core.envelope.RawRecord;
import io.freshet.core.fraud.CustomerSummary;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudDetector;
import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.LedgerChunk;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.TransactionWriter;
import io.freshet.pipelines.common.Arrival;
import io.freshet.pipelines.common.DeadLetterRecord;
import io.freshet.pipelines.common.DeadLetterSplitFunction.DeadLetters;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.metrics.FreshetMetrics;
import io.freshet.pipelines.metrics.LatencyHistogram;
import io.freshet.pipelines.topic.TopicNaming;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by customer: skips duplicate deliveries, judges each transaction with {@link
 * FraudDetector}, emits its decision and (on a side output) its alerts, and forgets customers idle
 * for the configured event time.
 *
 * <p>State per customer: a {@link CustomerSummary} (a POJO of a few scalars, the last minutes'
 * transactions and the last 24 hours' event-id fingerprints) and the 30-day amount entries in a
 * {@code MapState} from chunk id to {@link LedgerChunk}, read and written only where they change,
 * so neither an event nor an incremental checkpoint costs the customer's whole history.
 */
public final class FraudDetectionFunction
    extends KeyedProcessFunction<String, Arrival<Transaction>, TransactionDecision> {
  private static final long serialVersionUID = 1L;

  /** Alerts after per-rule suppression. */
  public static final OutputTag<FraudAlert> ALERTS =
      new OutputTag<>("fraud-alerts", TypeInformation.of(FraudAlert.class));

  // New names for the chunked ledger: a checkpoint of the per-entry layout must not be read as it.
  static final String SUMMARY_STATE = "customer-summary-v2";
  static final String LEDGER_STATE = "customer-ledger-chunks";

  private final FraudRulesConfig rules;
  private final PipelineId pipeline;
  private final String inputTopic;
  private final String decisionsTopic;
  private final String alertsTopic;
  private transient FraudDetector detector;
  private transient ValueState<CustomerSummary> summary;
  private transient MapState<Integer, LedgerChunk> ledgerState;
  private transient MapStateLedger ledger;
  private transient Counter duplicates;
  private transient Histogram decisionLatency;
  private transient Histogram decisionEventLatency;
  private transient Histogram alertLatency;
  private transient Histogram alertEventLatency;

  /** The function with production topic names in its metrics and dead letters. */
  public FraudDetectionFunction(FraudRulesConfig rules, PipelineId pipeline) {
    this(rules, pipeline, TopicNaming.PRODUCTION);
  }

  /** The function reporting the topic names of {@code naming}. */
  public FraudDetectionFunction(FraudRulesConfig rules, PipelineId pipeline, TopicNaming naming) {
    this.rules = rules;
    this.pipeline = pipeline;
    this.inputTopic = naming.name(FraudTopics.TRANSACTIONS);
    this.decisionsTopic = naming.name(FraudTopics.TRANSACTION_DECISIONS);
    this.alertsTopic = naming.name(FraudTopics.FRAUD_ALERTS);
  }

  @Override
  public void open(OpenContext openContext) {
    detector = new FraudDetector(rules);
    summary =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    SUMMARY_STATE, TypeInformation.of(CustomerSummary.class)));
    ledgerState =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    LEDGER_STATE, IntSerializer.INSTANCE, LedgerChunkSerializer.INSTANCE));
    ledger = new MapStateLedger(ledgerState);
    MetricGroup metrics = FreshetMetrics.of(getRuntimeContext().getMetricGroup());
    duplicates = metrics.counter(FreshetMetrics.DUPLICATES_SKIPPED);
    decisionLatency = latency(metrics, decisionsTopic, FreshetMetrics.E2E_LATENCY);
    decisionEventLatency = latency(metrics, decisionsTopic, FreshetMetrics.EVENT_TIME_LATENCY);
    alertLatency = latency(metrics, alertsTopic, FreshetMetrics.E2E_LATENCY);
    alertEventLatency = latency(metrics, alertsTopic, FreshetMetrics.EVENT_TIME_LATENCY);
  }

  private static Histogram latency(MetricGroup metrics, String output, String name) {
    return metrics.addGroup("output", output).histogram(name, new LatencyHistogram());
  }

  @Override
  public void processElement(
      Arrival<Transaction> arrival, Context ctx, Collector<TransactionDecision> out)
      throws Exception {
    Transaction txn = arrival.event();
    CustomerSummary before = summary.value();
    FraudDetector.Evaluation evaluation;
    try {
      evaluation =
          detector.evaluate(
              before,
              ledger,
              txn,
              ctx.timerService().currentProcessingTime(),
              ctx.timerService().currentWatermark());
    } catch (MapStateLedger.StateAccessException e) {
      throw (Exception) e.getCause();
    } catch (RuntimeException e) {
      // A rule bug must not stop fraud detection for everyone: the event is kept for redrive.
      ctx.output(DeadLetters.TAG, deadLetter(txn, e));
      return;
    }
    if (evaluation.duplicate()) {
      duplicates.inc();
      return;
    }
    CustomerSummary after = evaluation.summary();
    summary.update(after);
    if (before == null) {
      // One cleanup timer per customer, armed once: activity only moves retainedUntil, and the
      // timer re-arms itself when it fires early. Deleting and registering a timer on every event
      // cost more than the rules themselves.
      ctx.timerService().registerEventTimeTimer(after.retainedUntil());
    }
    out.collect(evaluation.decision());
    long now = System.currentTimeMillis();
    decisionLatency.update(now - arrival.appendTime());
    decisionEventLatency.update(now - txn.eventTime());
    List<FraudAlert> alerts = evaluation.alerts();
    for (FraudAlert alert : alerts) {
      ctx.output(ALERTS, alert);
      alertLatency.update(now - arrival.appendTime());
      alertEventLatency.update(now - txn.eventTime());
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TransactionDecision> out)
      throws Exception {
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
      // The input has ended (a bounded run, or a stop with --drain): every customer's timer fires
      // at once and the job's state ends with it. Clearing a million customers here would hold
      // the final checkpoint back for minutes (a 1,000,000-customer bench run expired on it).
      return;
    }
    CustomerSummary current = summary.value();
    if (current == null) {
      return;
    }
    if (timestamp >= current.retainedUntil()) {
      summary.clear();
      ledgerState.clear();
    } else {
      // The customer was active since this timer was set: wait for the new idle time.
      ctx.timerService().registerEventTimeTimer(current.retainedUntil());
    }
  }

  private DeadLetterRecord deadLetter(Transaction txn, RuntimeException failure) {
    byte[] key = txn.customerId().getBytes(StandardCharsets.UTF_8);
    // The original bytes are gone by now; the canonical re-encoding carries the same event.
    RawRecord raw =
        new RawRecord(
            key,
            TransactionWriter.write(txn, pipeline.name(), null, null),
            List.of(),
            inputTopic,
            -1,
            -1,
            txn.eventTime());
    DeadLetter letter =
        DeadLetter.ofFailure(
            raw, failure, pipeline.name(), pipeline.version(), System.currentTimeMillis(), 0);
    return new DeadLetterRecord(letter.errorType(), key, DeadLetterCodec.toJson(letter));
  }
}
