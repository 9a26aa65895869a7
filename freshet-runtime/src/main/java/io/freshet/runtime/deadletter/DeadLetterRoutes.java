package io.freshet.runtime.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.pipelines.plugin.ApiRole;
import io.freshet.runtime.http.HttpRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;

/**
 * The dead-letter tooling over HTTP, as JSON: {@code GET /api/dlq} lists, {@code GET
 * /api/dlq/{topic}/{offset}} shows one, {@code POST /api/dlq/replay} replays (unchanged values
 * only; fix scripts and editing are for the CLI).
 */
public final class DeadLetterRoutes implements HttpRoutes {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> REPLAY_FIELDS =
      Set.of("pipeline", "error_type", "offsets", "topic");

  private final Supplier<String> bootstrapServers;
  private final List<String> topics;

  /** Routes over the dead-letter topics of every registered pipeline. */
  public DeadLetterRoutes(Supplier<String> bootstrapServers) {
    this(bootstrapServers, DeadLetterStore.deadLetterTopics());
  }

  /**
   * @param bootstrapServers the cluster to read and replay on; null while it is not known yet (the
   *     HTTP server starts before the broker), which answers 503
   * @param topics the dead-letter topics of the running pipelines
   */
  public DeadLetterRoutes(Supplier<String> bootstrapServers, List<String> topics) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.topics = List.copyOf(topics);
  }

  @OpenApi(
      path = "/api/dlq",
      summary = "Dead letters per topic and error type, with the newest entries",
      tags = "dead letters",
      responses = {
        @OpenApiResponse(status = "200", description = "The listing"),
        @OpenApiResponse(status = "503", description = "Kafka is not reachable")
      })
  @OpenApi(
      path = "/api/dlq/{topic}/{offset}",
      summary = "One dead letter: its reason, headers and original bytes",
      tags = "dead letters",
      pathParams = {
        @OpenApiParam(name = "topic", required = true),
        @OpenApiParam(name = "offset", required = true)
      },
      responses = {
        @OpenApiResponse(status = "200", description = "The dead letter"),
        @OpenApiResponse(status = "404", description = "No dead letter there")
      })
  @OpenApi(
      path = "/api/dlq/replay",
      methods = HttpMethod.POST,
      summary = "Replay dead letters, fixed or as they are, to their pipeline's input",
      tags = "dead letters",
      security = @OpenApiSecurity(name = "BearerAuth"),
      responses = {
        @OpenApiResponse(status = "200", description = "What was replayed and skipped"),
        @OpenApiResponse(status = "400", description = "An invalid request"),
        @OpenApiResponse(status = "401", description = "No or a wrong bearer token")
      })
  @Override
  public void register(Javalin app) {
    app.get("/api/dlq", ctx -> answer(ctx, () -> list(ctx)));
    app.get("/api/dlq/{topic}/{offset}", ctx -> answer(ctx, () -> show(ctx)));
    app.post("/api/dlq/replay", ctx -> answer(ctx, () -> replay(ctx)), ApiRole.WRITE);
  }

  /** A status and JSON body. */
  private record Answer(int status, String json) {}

  @FunctionalInterface
  private interface Action {
    Answer run() throws InterruptedException;
  }

  private void answer(Context ctx, Action action) {
    Answer answer;
    try {
      answer = action.run();
    } catch (IllegalArgumentException e) {
      answer = new Answer(400, DeadLetterJson.error(e.getMessage()));
    } catch (KafkaException e) {
      answer =
          new Answer(
              503,
              DeadLetterJson.error(
                  "cannot use Kafka at " + bootstrapServers.get() + ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = new Answer(503, DeadLetterJson.error("interrupted"));
    }
    ctx.status(answer.status()).contentType("application/json").result(answer.json());
  }

  private Answer list(Context ctx) {
    DeadLetterFilter filter = DeadLetterFilter.all();
    Optional<String> pipeline = param(ctx, "pipeline");
    Optional<String> errorType = param(ctx, "error_type");
    Optional<String> since = param(ctx, "since");
    Optional<String> topic = param(ctx, "topic");
    if (pipeline.isPresent()) {
      filter = filter.withPipeline(pipeline.get());
    }
    if (errorType.isPresent()) {
      filter = filter.withErrorType(DeadLetterFilter.parseErrorType(errorType.get()));
    }
    if (since.isPresent()) {
      filter = filter.withSince(Since.parse(since.get(), Instant.now()));
    }
    Optional<DeadLetterStore> store = store();
    if (store.isEmpty()) {
      return notStarted();
    }
    if (topic.isPresent()) {
      if (!store.get().topics().contains(topic.get())) {
        return unknownTopic(store.get(), topic.get());
      }
      filter = filter.withTopic(topic.get());
    }
    return new Answer(200, DeadLetterJson.listing(store.get().list(filter)));
  }

  private Answer show(Context ctx) {
    String topic = ctx.pathParam("topic");
    long offset;
    try {
      offset = Long.parseLong(ctx.pathParam("offset"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "offset '" + ctx.pathParam("offset") + "' is not a number", e);
    }
    Optional<DeadLetterStore> store = store();
    if (store.isEmpty()) {
      return notStarted();
    }
    if (!store.get().topics().contains(topic)) {
      return unknownTopic(store.get(), topic);
    }
    return store
        .get()
        .find(topic, offset)
        .map(e -> new Answer(200, DeadLetterJson.entry(e)))
        .orElseGet(
            () ->
                new Answer(
                    404,
                    DeadLetterJson.error("no dead letter at offset " + offset + " of " + topic)));
  }

  private Answer replay(Context ctx) throws InterruptedException {
    DeadLetterFilter filter = replayFilter(ctx.bodyAsBytes());
    Optional<DeadLetterStore> store = store();
    if (store.isEmpty()) {
      return notStarted();
    }
    if (filter.topic() != null && !store.get().topics().contains(filter.topic())) {
      return unknownTopic(store.get(), filter.topic());
    }
    ReplayReport report =
        new DeadLetterReplayer(bootstrapServers.get())
            .replay(store.get().read(filter), ValueFix.NONE, ReplayProgress.NONE);
    return new Answer(200, DeadLetterJson.report(report));
  }

  /**
   * The selection a replay request names: {@code pipeline} (required), optional {@code error_type},
   * {@code offsets} and {@code topic}; any other field is refused rather than ignored, so a client
   * asking for a fix it cannot get over HTTP learns so.
   *
   * @throws IllegalArgumentException saying what is wrong with the body
   */
  static DeadLetterFilter replayFilter(byte[] body) {
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body cannot be read: " + e.getMessage(), e);
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(
          "the body must be a JSON object like {\"pipeline\":\"fraud-detection\"}");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!REPLAY_FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown field '"
                + name
                + "'; a replay takes pipeline, error_type, offsets and topic"
                + " (fix scripts and editing are only in the CLI)");
      }
    }
    String pipeline = text(json, "pipeline");
    if (pipeline == null || pipeline.isBlank()) {
      throw new IllegalArgumentException("pipeline is required");
    }
    DeadLetterFilter filter = DeadLetterFilter.all().withPipeline(pipeline);
    String errorType = text(json, "error_type");
    if (errorType != null) {
      filter = filter.withErrorType(DeadLetterFilter.parseErrorType(errorType));
    }
    filter = filter.withTopic(text(json, "topic"));
    JsonNode offsets = json.get("offsets");
    if (offsets != null && !offsets.isNull()) {
      if (!offsets.isArray()) {
        throw new IllegalArgumentException("offsets must be an array of offsets");
      }
      Set<Long> selected = new LinkedHashSet<>();
      for (JsonNode o : offsets) {
        if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
          throw new IllegalArgumentException("offsets must be non-negative integers, not " + o);
        }
        selected.add(o.longValue());
      }
      if (selected.isEmpty()) {
        throw new IllegalArgumentException("offsets is empty; leave it out to replay all");
      }
      filter = filter.withOffsets(selected);
    }
    return filter;
  }

  private static String text(JsonNode json, String name) {
    JsonNode node = json.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(name + " must be a string");
    }
    return node.textValue();
  }

  private static Optional<String> param(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isBlank());
  }

  private Optional<DeadLetterStore> store() {
    return Optional.ofNullable(bootstrapServers.get())
        .map(servers -> new DeadLetterStore(servers, topics, DeadLetterStore.DEFAULT_TIMEOUT));
  }

  private static Answer notStarted() {
    return new Answer(503, DeadLetterJson.error("Kafka is not started yet"));
  }

  private static Answer unknownTopic(DeadLetterStore store, String topic) {
    return new Answer(404, DeadLetterJson.error(store.notADeadLetterTopic(topic)));
  }
}
