package io.freshet.pipelines.fraud;

import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.Transaction;
import io.freshet.pipelines.fraud.api.FraudDecisionApi;
import io.freshet.pipelines.fraud.workflow.AlertWorkflowApi;
import io.freshet.pipelines.plugin.ApiContext;
import io.freshet.pipelines.plugin.DashboardPage;
import io.freshet.pipelines.plugin.DemoStream;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.IngestStream;
import io.freshet.pipelines.plugin.PipelineApi;
import io.freshet.pipelines.plugin.PipelineContext;
import io.freshet.pipelines.plugin.Setting;
import io.freshet.pipelines.plugin.Settings;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.serving.ServingTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The fraud-detection plug-in: a decision per transaction, deduplicated alerts, dead letters. */
public final class FraudPipeline implements FreshetPipeline {
  @Override
  public String name() {
    return FraudDetectionJob.NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("fraud");
  }

  @Override
  public String description() {
    return "velocity, impossible travel and amount rules: a decision per transaction";
  }

  @Override
  public List<TopicDescriptor<?, ?>> topics() {
    return List.of(
        FraudTopics.TRANSACTIONS,
        FraudTopics.FRAUD_ALERTS,
        FraudTopics.TRANSACTION_DECISIONS,
        FraudTopics.TRANSACTIONS_DLQ,
        FraudTopics.ALERT_ACTIONS);
  }

  @Override
  public List<ServingTable<?>> tables() {
    return List.of(FraudTables.FRAUD_ALERTS, FraudTables.TRANSACTION_DECISIONS);
  }

  @Override
  public Duration latencySla() {
    return Duration.ofMillis(100);
  }

  /**
   * The velocity rule's limit: a tunable, so a bank can tighten it, and an upgrade can change it on
   * a running job while each customer's history carries over in the savepoint.
   */
  public static final Setting<Integer> VELOCITY_MAX_COUNT =
      Settings.wholeNumber(
          "velocity-max-count",
          "N",
          "The velocity rule alerts when a customer makes more than N transactions in 120 s.",
          FraudRulesConfig.defaults().velocityMaxCount(),
          1);

  @Override
  public List<Setting<?>> settings() {
    return List.of(VELOCITY_MAX_COUNT);
  }

  @Override
  public void wire(StreamExecutionEnvironment env, PipelineContext context) {
    FraudRulesConfig rules =
        FraudRulesConfig.defaults().withVelocityMaxCount(context.setting(VELOCITY_MAX_COUNT));
    new FraudDetectionJob(FraudKafkaIo.create(context), rules, context.naming()).wireInto(env);
  }

  /**
   * The payment gateway's decision API, {@code /api/fraud/decisions}, and the alert workflow,
   * {@code /api/alerts}.
   */
  @Override
  public Optional<PipelineApi> api(ApiContext context) {
    FraudDecisionApi decisions =
        new FraudDecisionApi(
            context,
            FraudTopics.TRANSACTIONS,
            FraudTopics.TRANSACTION_DECISIONS,
            FraudTables.TRANSACTION_DECISIONS);
    try {
      return Optional.of(
          PipelineApi.both(
              decisions,
              new AlertWorkflowApi(context, FraudTopics.FRAUD_ALERTS, FraudTopics.ALERT_ACTIONS)));
    } catch (RuntimeException e) {
      decisions.close();
      throw e;
    }
  }

  @Override
  public List<IngestStream<?>> ingestStreams() {
    return List.of(
        new IngestStream<>(
            FraudTopics.TRANSACTIONS, Transaction::eventId, Transaction::customerId));
  }

  /** Live alerts and their cases, the decision mix, alerts per rule and impossible-travel pairs. */
  @Override
  public Optional<String> consumerGroup() {
    return Optional.of(FraudKafkaIo.GROUP_ID);
  }

  @Override
  public Optional<DashboardPage> dashboard() {
    return Optional.of(
        new DashboardPage(
            "Fraud",
            "fraud.js",
            List.of(
                FraudTopics.FRAUD_ALERTS,
                FraudTopics.TRANSACTION_DECISIONS,
                FraudTopics.ALERT_ACTIONS)));
  }

  @Override
  public List<DemoStream> demo(TopicNaming naming, long seed) {
    String topic = naming.name(FraudTopics.TRANSACTIONS);
    return List.of(new DemoStream("transactions", topic, new TransactionDemo(topic, seed)));
  }
}
