package io.freshet.pipelines.fraud;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.workflow.AlertAction;
import io.freshet.core.fraud.workflow.AlertActionCodec;
import io.freshet.pipelines.topic.Codecs;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicRole;
import io.freshet.pipelines.topic.Topics;
import java.time.Duration;
import java.util.Map;

/** The fraud-detection pipeline's topics, under their declared names. */
public final class FraudTopics {
  private FraudTopics() {}

  public static final TopicDescriptor<String, Transaction> TRANSACTIONS =
      new TopicDescriptor<>(
          "transactions",
          4,
          Duration.ofDays(7),
          Map.of(),
          Codecs.UTF8,
          Codecs.TRANSACTION,
          TopicRole.INPUT);

  public static final TopicDescriptor<String, FraudAlert> FRAUD_ALERTS =
      new TopicDescriptor<>(
          "fraud-alerts", 4, Duration.ofDays(7), Map.of(), Codecs.UTF8, Codecs.FRAUD_ALERT);

  public static final TopicDescriptor<String, TransactionDecision> TRANSACTION_DECISIONS =
      new TopicDescriptor<>(
          "transaction-decisions", 4, Duration.ofDays(7), Map.of(), Codecs.UTF8, Codecs.DECISION);

  /**
   * Operators' actions on alerts (acknowledged, resolved, commented), keyed by alert id: the
   * event-sourced log of the alert workflow, written by the platform's API, kept a year.
   */
  public static final TopicDescriptor<String, AlertAction> ALERT_ACTIONS =
      new TopicDescriptor<>(
          "alert-actions",
          3,
          Duration.ofDays(365),
          Map.of(),
          Codecs.UTF8,
          new AlertActionCodec(),
          TopicRole.INPUT);

  /** One partition so that an offset alone names a dead letter. */
  public static final TopicDescriptor<String, DeadLetter> TRANSACTIONS_DLQ =
      Topics.deadLettersFor(TRANSACTIONS);
}
