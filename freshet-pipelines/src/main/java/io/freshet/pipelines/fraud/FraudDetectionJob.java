package io.freshet.pipelines.fraud;

import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.pipelines.common.Arrival;
import io.freshet.pipelines.common.DeadLetterRecord;
import io.freshet.pipelines.common.DeadLetterSplitFunction;
import io.freshet.pipelines.common.DeadLetterSplitFunction.DeadLetters;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.PipelineId;
import io.freshet.pipelines.topic.TopicNaming;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires the fraud-detection pipeline: transactions in, validated, keyed by customer, judged;
 * decisions, alerts and dead letters out. Operator uids are stable so savepoints survive changes.
 */
public final class FraudDetectionJob {
  /** The pipeline's name in dead letters, metrics and the Flink job name. */
  public static final String NAME = "fraud-detection";

  /**
   * Network buffer timeout on the way to the rules: 0, every transaction is flushed to the rules as
   * soon as it is validated, whatever the job default, and no flusher thread polls the output.
   */
  static final long DECISION_PATH_BUFFER_TIMEOUT_MS = 0;

  private final FraudJobIo io;
  private final FraudRulesConfig rules;
  private final PipelineId pipeline;
  private final TopicNaming naming;

  /** The job with production topic names in its metrics and dead letters. */
  public FraudDetectionJob(FraudJobIo io, FraudRulesConfig rules) {
    this(io, rules, TopicNaming.PRODUCTION);
  }

  /** The job reporting the topic names of {@code naming}. */
  public FraudDetectionJob(FraudJobIo io, FraudRulesConfig rules, TopicNaming naming) {
    this.io = io;
    this.rules = rules;
    this.pipeline = PipelineId.of(NAME);
    this.naming = naming;
  }

  /** Adds the pipeline's operators to {@code env}. */
  public void wireInto(StreamExecutionEnvironment env) {
    DataStream<Ingested<Transaction>> ingested =
        env.fromSource(io.transactions(), io.watermarks(), "transactions-source")
            .uid("transactions-source");

    SingleOutputStreamOperator<Arrival<Transaction>> transactions =
        ingested
            .process(new DeadLetterSplitFunction<Transaction>())
            .returns(TypeInformation.of(new TypeHint<Arrival<Transaction>>() {}))
            .uid("validate-transactions")
            .name("validate-transactions")
            // Decisions are latency-bound: flush the shuffle to the rules on every record.
            .setBufferTimeout(DECISION_PATH_BUFFER_TIMEOUT_MS);

    SingleOutputStreamOperator<TransactionDecision> decisions =
        transactions
            .keyBy(arrival -> arrival.event().customerId(), TypeInformation.of(String.class))
            .process(new FraudDetectionFunction(rules, pipeline, naming))
            .uid("fraud-rules")
            .name("fraud-rules");

    decisions.sinkTo(io.decisions()).uid("decisions-sink").name("decisions-sink");
    // The store sinks upsert on the checkpoint barrier; in a task of their own that work never
    // holds up the rules, so a decision reaches Kafka (and the decision API) while they write.
    decisions
        .sinkTo(io.decisionStore())
        .uid("decisions-store-sink")
        .name("decisions-store-sink")
        .disableChaining();

    DataStream<FraudAlert> alerts = decisions.getSideOutput(FraudDetectionFunction.ALERTS);
    alerts.sinkTo(io.alerts()).uid("alerts-sink").name("alerts-sink");
    alerts
        .sinkTo(io.alertStore())
        .uid("alerts-store-sink")
        .name("alerts-store-sink")
        .disableChaining();

    DataStream<DeadLetterRecord> deadLetters =
        transactions.getSideOutput(DeadLetters.TAG).union(decisions.getSideOutput(DeadLetters.TAG));
    deadLetters.sinkTo(io.deadLetters()).uid("dead-letters-sink").name("dead-letters-sink");
  }
}
