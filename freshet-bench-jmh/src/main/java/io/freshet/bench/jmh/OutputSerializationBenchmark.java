package io.freshet.bench.jmh;

import io.freshet.core.fraud.AlertDetails;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudAlertCodec;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.RuleHit;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.TransactionDecisionCodec;
import io.freshet.core.fraud.Verdict;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Serialising fraud decisions and alerts to the JSON written to the output topics. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OutputSerializationBenchmark {
  private static final TransactionDecisionCodec DECISIONS = new TransactionDecisionCodec();
  private static final FraudAlertCodec ALERTS = new FraudAlertCodec();

  private TransactionDecision approve;
  private TransactionDecision block;
  private FraudAlert travelAlert;

  @Setup
  public void setUp() {
    long eventTime = BenchData.BASE_TIME;
    long now = eventTime + 1_234L;
    approve =
        new TransactionDecision(
            "txn-00000001",
            "evt-00000001",
            "cust-000042",
            Verdict.APPROVE,
            new RuleHit[0],
            eventTime,
            now);
    block =
        new TransactionDecision(
            "txn-00000002",
            "evt-00000002",
            "cust-000042",
            Verdict.BLOCK,
            new RuleHit[] {
              new RuleHit(FraudRule.VELOCITY, AlertDetails.velocity(7)),
              new RuleHit(FraudRule.IMPOSSIBLE_TRAVEL, AlertDetails.travel(1_204.5, 12.0)),
              new RuleHit(FraudRule.AMOUNT_ANOMALY, AlertDetails.amount(2_400.0, 61.25))
            },
            eventTime,
            now);
    travelAlert =
        new FraudAlert(
            FraudRule.IMPOSSIBLE_TRAVEL.name() + ":txn-00000002",
            FraudRule.IMPOSSIBLE_TRAVEL,
            FraudRule.IMPOSSIBLE_TRAVEL.severity(),
            "txn-00000002",
            "cust-000042",
            eventTime,
            now,
            AlertDetails.travel(1869.27, 0.1667));
  }

  @Benchmark
  public byte[] decisionApprove() {
    return DECISIONS.encode(approve);
  }

  @Benchmark
  public byte[] decisionBlock() {
    return DECISIONS.encode(block);
  }

  @Benchmark
  public byte[] alertImpossibleTravel() {
    return ALERTS.encode(travelAlert);
  }
}
