package io.freshet.pipelines.fraud.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.workflow.AlertAction;
import io.freshet.core.fraud.workflow.AlertBook;
import io.freshet.core.fraud.workflow.AlertCase;
import io.freshet.core.fraud.workflow.AlertCaseJson;
import io.freshet.core.fraud.workflow.AlertCommand;
import io.freshet.core.fraud.workflow.AlertCommand.InvalidCommandException;
import io.freshet.core.fraud.workflow.AlertStatus;
import io.freshet.core.fraud.workflow.RulePrecision;
import io.freshet.core.time.Timestamps;
import io.freshet.pipelines.plugin.ApiContext;
import io.freshet.pipelines.plugin.ApiRole;
import io.freshet.pipelines.plugin.PipelineApi;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert workflow, event-sourced: operators' commands on alerts are validated against the
 * alert's current case, appended to {@code alert-actions}, and answered once the read model has
 * folded them; statuses, history, a past status and precision per rule are read from that model.
 */
public final class AlertWorkflowApi implements PipelineApi {
  private static final Logger LOG = LoggerFactory.getLogger(AlertWorkflowApi.class);

  static final String ALERTS = "/api/alerts";
  static final String ONE = ALERTS + "/{alertId}";
  static final String ACTIONS = ONE + "/actions";
  static final String PRECISION = "/api/fraud/precision";
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** How long an append may wait for the broker before the command is answered 503. */
  static final Duration APPEND_BUDGET = Duration.ofSeconds(3);

  /** How long the answer waits for the read model to fold the appended action. */
  static final Duration FOLD_BUDGET = Duration.ofSeconds(5);

  /** A past status is rebuilt by reading the whole log; this bounds it. */
  static final Duration REPLAY_BUDGET = Duration.ofSeconds(30);

  private final ObjectMapper mapper = new ObjectMapper();
  private final String bootstrapServers;
  private final TopicDescriptor<String, FraudAlert> alerts;
  private final TopicDescriptor<String, AlertAction> actions;
  private final String alertsTopic;
  private final String actionsTopic;
  private final AlertCaseReader reader;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Object commands = new Object();

  /** Starts folding both topics from their first records; blocks until they are assigned. */
  public AlertWorkflowApi(
      ApiContext context,
      TopicDescriptor<String, FraudAlert> alerts,
      TopicDescriptor<String, AlertAction> actions) {
    this.bootstrapServers = context.kafka().bootstrapServers();
    this.alerts = alerts;
    this.actions = actions;
    this.alertsTopic = context.naming().name(alerts);
    this.actionsTopic = context.naming().name(actions);
    this.reader = reader("freshet-alert-cases").follow();
    this.producer = new KafkaProducer<>(producerProps(bootstrapServers));
  }

  private AlertCaseReader reader(String clientId) {
    return new AlertCaseReader(
        bootstrapServers,
        alertsTopic,
        alerts.valueCodec(),
        actionsTopic,
        actions.valueCodec(),
        clientId);
  }

  @Override
  public void register(Javalin app) {
    app.get(ALERTS, this::list, ApiRole.READ);
    app.get(PRECISION, this::precision, ApiRole.READ);
    app.get(ONE, this::show, ApiRole.READ);
    app.post(ACTIONS, this::act, ApiRole.WRITE);
  }

  /** The live read model, for tests that compare it with a replay. */
  public AlertBook cases() {
    return reader.book();
  }

  @OpenApi(
      path = ALERTS,
      summary = "The newest alerts with their status and history",
      tags = "alerts",
      queryParams = {
        @OpenApiParam(name = "status", description = "OPEN, ACKNOWLEDGED or RESOLVED"),
        @OpenApiParam(
            name = "limit",
            type = Integer.class,
            description = "At most 500; 50 by default")
      },
      responses = {
        @OpenApiResponse(status = "200", description = "The alerts, newest first"),
        @OpenApiResponse(status = "400", description = "An unknown status or a bad limit")
      })
  private void list(Context ctx) {
    Optional<AlertStatus> status;
    int limit;
    try {
      status = Optional.ofNullable(ctx.queryParam("status")).map(AlertStatus::valueOf);
      limit =
          Optional.ofNullable(ctx.queryParam("limit")).map(Integer::parseInt).orElse(DEFAULT_LIMIT);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, "status must be OPEN, ACKNOWLEDGED or RESOLVED and limit a number");
      return;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      error(ctx, 400, "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
      return;
    }
    ObjectNode json = mapper.createObjectNode();
    ArrayNode list = json.putArray("alerts");
    reader.book().newest(limit, status).forEach(c -> list.add(AlertCaseJson.of(c)));
    json.put("refused_actions", reader.book().refused());
    ctx.status(200).contentType("application/json").result(json.toString());
  }

  @OpenApi(
      path = PRECISION,
      summary = "Per rule: alerts, resolutions, true fraud, false positives and precision",
      tags = "alerts",
      responses = @OpenApiResponse(status = "200", description = "One entry per rule"))
  private void precision(Context ctx) {
    ObjectNode json = mapper.createObjectNode();
    ArrayNode rules = json.putArray("rules");
    for (Map.Entry<FraudRule, RulePrecision> e : reader.book().precision().entrySet()) {
      RulePrecision p = e.getValue();
      ObjectNode rule =
          rules
              .addObject()
              .put("rule", e.getKey().name())
              .put("alerts", p.alerts())
              .put("resolved", p.resolved())
              .put("true_fraud", p.trueFraud())
              .put("false_positive", p.falsePositives());
      if (p.precision().isPresent()) {
        rule.put("precision", p.precision().getAsDouble());
      } else {
        rule.putNull("precision");
      }
    }
    ctx.status(200).contentType("application/json").result(json.toString());
  }

  @OpenApi(
      path = ONE,
      summary = "One alert's status and history, now or as it was at a past time",
      tags = "alerts",
      pathParams = @OpenApiParam(name = "alertId", required = true),
      queryParams =
          @OpenApiParam(
              name = "as_of",
              description = "An ISO-8601 instant: the status rebuilt from the log as of then"),
      responses = {
        @OpenApiResponse(status = "200", description = "The alert's case"),
        @OpenApiResponse(status = "400", description = "as_of is not an ISO-8601 instant"),
        @OpenApiResponse(status = "404", description = "No such alert (at that time)"),
        @OpenApiResponse(status = "503", description = "The log could not be read")
      })
  private void show(Context ctx) {
    String alertId = ctx.pathParam("alertId");
    String asOfText = ctx.queryParam("as_of");
    if (asOfText == null) {
      Optional<AlertCase> now = reader.book().get(alertId);
      if (now.isEmpty()) {
        error(ctx, 404, "no alert " + alertId);
      } else {
        ctx.status(200)
            .contentType("application/json")
            .result(AlertCaseJson.of(now.get()).toString());
      }
      return;
    }
    long asOf;
    try {
      asOf = Instant.parse(asOfText).toEpochMilli();
    } catch (DateTimeException e) {
      error(
          ctx,
          400,
          "as_of '" + asOfText + "' is not an ISO-8601 instant like 2026-12-01T10:00:00Z");
      return;
    }
    AlertBook past;
    try {
      past = reader("freshet-alert-history").replayUntil(asOf, REPLAY_BUDGET);
    } catch (KafkaException | IllegalStateException e) {
      LOG.warn("Rebuilding alert {} as of {} failed", alertId, asOfText, e);
      error(ctx, 503, "the alert log could not be read: " + e.getMessage());
      return;
    }
    Optional<AlertCase> then = past.get(alertId);
    if (then.isEmpty()) {
      error(ctx, 404, "no alert " + alertId + " as of " + Timestamps.format(asOf));
      return;
    }
    ObjectNode json = AlertCaseJson.of(then.get());
    json.put("as_of", Timestamps.format(asOf));
    ctx.status(200).contentType("application/json").result(json.toString());
  }

  @OpenApi(
      path = ACTIONS,
      methods = HttpMethod.POST,
      summary = "Acknowledge, resolve or comment on an alert",
      description =
          "Body: {\"action\": \"acknowledge\"|\"resolve\"|\"comment\", \"actor\": \"…\","
              + " \"resolution\": \"TRUE_FRAUD\"|\"FALSE_POSITIVE\" (resolve only), \"comment\":"
              + " \"…\"}. Appended to alert-actions as alert.acknowledged/resolved/commented.",
      tags = "alerts",
      pathParams = @OpenApiParam(name = "alertId", required = true),
      security = @OpenApiSecurity(name = "BearerAuth"),
      responses = {
        @OpenApiResponse(status = "200", description = "The alert's case after the action"),
        @OpenApiResponse(status = "400", description = "An invalid command, naming the field"),
        @OpenApiResponse(status = "401", description = "No or a wrong bearer token"),
        @OpenApiResponse(status = "404", description = "No such alert; nothing appended"),
        @OpenApiResponse(
            status = "409",
            description = "Not allowed in the alert's current status; nothing appended"),
        @OpenApiResponse(status = "503", description = "Kafka did not take the action")
      })
  private void act(Context ctx) throws InterruptedException {
    String alertId = ctx.pathParam("alertId");
    AlertCommand command;
    try {
      JsonNode body = mapper.readTree(ctx.bodyAsBytes());
      if (body == null || !body.isObject()) {
        error(ctx, 400, "the body must be a JSON object");
        return;
      }
      command =
          AlertCommand.of(
              text(body, "action"),
              text(body, "actor"),
              text(body, "resolution"),
              text(body, "comment"));
    } catch (IOException e) {
      error(ctx, 400, "the body is not JSON: " + e.getMessage());
      return;
    } catch (InvalidCommandException e) {
      ctx.status(400)
          .contentType("application/json")
          .result(
              mapper
                  .createObjectNode()
                  .put("error", e.getMessage())
                  .put("field", e.field())
                  .toString());
      return;
    }
    if (!reader.following()) {
      ctx.header("Retry-After", "1");
      error(ctx, 503, "the alert read model is not running");
      return;
    }
    // One command at a time: validation and append must see the same case.
    synchronized (commands) {
      Optional<AlertCase> current = reader.book().get(alertId);
      if (current.isEmpty()) {
        error(ctx, 404, "no alert " + alertId);
        return;
      }
      Optional<String> refusal = current.get().refusal(command.kind());
      if (refusal.isPresent()) {
        ctx.status(409)
            .contentType("application/json")
            .result(
                mapper
                    .createObjectNode()
                    .put("error", refusal.get())
                    .put("status", current.get().status().name())
                    .toString());
        return;
      }
      AlertAction action =
          command.toAction(UUID.randomUUID().toString(), alertId, System.currentTimeMillis());
      RecordMetadata appended;
      try {
        appended =
            producer
                .send(
                    new ProducerRecord<>(
                        actionsTopic,
                        alertId.getBytes(StandardCharsets.UTF_8),
                        actions.valueCodec().encode(action)))
                .get(APPEND_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException | KafkaException e) {
        LOG.warn("Appending {} to {} failed", action.kind(), actionsTopic, e);
        ctx.header("Retry-After", "1");
        error(ctx, 503, "Kafka did not take the action; retry");
        return;
      }
      boolean folded =
          reader.awaitFolded(
              new TopicPartition(appended.topic(), appended.partition()),
              appended.offset(),
              FOLD_BUDGET);
      if (!folded) {
        error(
            ctx,
            503,
            "the action was appended but the read model has not caught up; retry the read");
        return;
      }
      ctx.status(200)
          .contentType("application/json")
          .result(AlertCaseJson.of(reader.book().get(alertId).orElseThrow()).toString());
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private void error(Context ctx, int status, String message) {
    ctx.status(status)
        .contentType("application/json")
        .result(mapper.createObjectNode().put("error", message).toString());
  }

  private static Properties producerProps(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "freshet-alert-actions");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    String budget = Long.toString(APPEND_BUDGET.toMillis());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, budget);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, budget);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, budget);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
