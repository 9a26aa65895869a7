package io.freshet.runtime.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.pipelines.plugin.ApiRole;
import io.freshet.pipelines.plugin.IngestStream;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.command.IdempotencyKeys.Claim;
import io.freshet.runtime.command.TransactionalAppender.AppendFailedException;
import io.freshet.runtime.http.HttpRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The command API: {@code POST /api/events/{stream}} validates one envelope, or NDJSON of them,
 * with the pipeline's own codec and appends all of them in one Kafka transaction, or none.
 */
public final class CommandRoutes implements HttpRoutes {
  /** The route; {@code {stream}} is an input topic's declared name. */
  public static final String PATH = "/api/events/{stream}";

  /** Idempotency keys remembered; a key older than this many others is forgotten. */
  static final int REMEMBERED_KEYS = 10_000;

  private static final String NDJSON = "application/x-ndjson";
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final Map<String, IngestStream<?>> streams = new LinkedHashMap<>();
  private final TopicNaming naming;
  private final Supplier<TransactionalAppender> appender;
  private final IdempotencyKeys keys = new IdempotencyKeys(REMEMBERED_KEYS);
  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * @param streams every running pipeline's ingest streams
   * @param naming the names their topics have
   * @param appender the appender, or null while Kafka is not up yet (answers 503)
   */
  public CommandRoutes(
      List<IngestStream<?>> streams, TopicNaming naming, Supplier<TransactionalAppender> appender) {
    streams.forEach(s -> this.streams.put(s.name(), s));
    this.naming = naming;
    this.appender = appender;
  }

  @Override
  public void register(Javalin app) {
    app.post(PATH, this::post, ApiRole.WRITE);
  }

  @OpenApi(
      path = PATH,
      methods = HttpMethod.POST,
      summary = "Append events to a pipeline's input",
      description =
          "Validates one envelope (application/json) or NDJSON of envelopes (application/x-ndjson)"
              + " with the pipeline's own validator and appends all of them in one Kafka"
              + " transaction, or none of them. Needs the API token.",
      tags = "commands",
      pathParams =
          @OpenApiParam(
              name = "stream",
              required = true,
              description = "An input's name: transactions, sensor-readings, clickstream-events…"),
      headers =
          @OpenApiParam(
              name = IDEMPOTENCY_KEY,
              description =
                  "Retrying with the same key and body returns the original answer; another"
                      + " body under the same key is refused with 422"),
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = {
                @OpenApiContent(type = "object", mimeType = "application/json"),
                @OpenApiContent(type = "string", mimeType = NDJSON)
              }),
      security = @OpenApiSecurity(name = "BearerAuth"),
      responses = {
        @OpenApiResponse(
            status = "202",
            description = "Appended; the partition and offset of each record, in request order"),
        @OpenApiResponse(
            status = "400",
            description =
                "Invalid records, one error per record naming the field; nothing appended"),
        @OpenApiResponse(status = "401", description = "No or a wrong bearer token"),
        @OpenApiResponse(status = "403", description = "Writes are disabled (no token configured)"),
        @OpenApiResponse(status = "404", description = "No such stream"),
        @OpenApiResponse(status = "413", description = "The body is over the limit (10 MiB)"),
        @OpenApiResponse(
            status = "422",
            description = "The Idempotency-Key was used for a different request"),
        @OpenApiResponse(
            status = "503",
            description = "Kafka did not take the records; nothing appended; see Retry-After")
      })
  private void post(Context ctx) {
    String name = ctx.pathParam("stream");
    IngestStream<?> stream = streams.get(name);
    if (stream == null) {
      reply(
          ctx,
          error(
              404, "no stream '" + name + "'; streams: " + String.join(", ", streams.keySet()), 0));
      return;
    }
    byte[] body = ctx.bodyAsBytes();
    boolean batch = String.valueOf(ctx.contentType()).startsWith(NDJSON);
    String key = ctx.header(IDEMPOTENCY_KEY);
    if (key == null || key.isBlank()) {
      reply(ctx, append(stream, body, batch));
      return;
    }
    String fingerprint = fingerprint(name, batch, body);
    Claim claim = keys.claim(key, fingerprint);
    if (!claim.fingerprint().equals(fingerprint)) {
      reply(
          ctx,
          error(
              422,
              IDEMPOTENCY_KEY
                  + " '"
                  + key
                  + "' was already used for a different request; use a new key for a new"
                  + " request",
              0));
    } else if (!claim.owner()) {
      ctx.header("Idempotent-Replayed", "true");
      reply(ctx, claim.answer().join());
    } else {
      CommandAnswer answer = append(stream, body, batch);
      keys.settle(key, claim, answer);
      reply(ctx, answer);
    }
  }

  private CommandAnswer append(IngestStream<?> stream, byte[] body, boolean batch) {
    List<byte[]> values = batch ? lines(body) : List.of(body);
    if (values.isEmpty() || values.get(0).length == 0) {
      return error(400, "the body holds no event", 0);
    }
    List<IngestStream.Validated> valid = new ArrayList<>(values.size());
    ArrayNode errors = mapper.createArrayNode();
    for (int i = 0; i < values.size(); i++) {
      try {
        valid.add(stream.validate(values.get(i)));
      } catch (InvalidEventException e) {
        errors
            .addObject()
            .put("record", i + 1)
            .put("field", e.field())
            .put("error_type", e.errorType().name())
            .put("message", e.getMessage());
      } catch (IllegalArgumentException e) {
        errors.addObject().put("record", i + 1).put("message", e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      ObjectNode json = mapper.createObjectNode();
      json.put(
          "error",
          errors.size()
              + " of "
              + values.size()
              + " records are invalid; nothing of this request was appended");
      json.set("errors", errors);
      return new CommandAnswer(400, json.toString(), 0);
    }
    TransactionalAppender current = appender.get();
    if (current == null) {
      return error(503, "Kafka is not up yet; retry", 1);
    }
    String topic = naming.name(stream.topic());
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      records.add(
          new ProducerRecord<>(
              topic, valid.get(i).key().getBytes(StandardCharsets.UTF_8), values.get(i)));
    }
    List<RecordMetadata> landed;
    try {
      landed = current.appendAll(records);
    } catch (AppendFailedException e) {
      return error(
          503,
          "Kafka did not take the records ("
              + e.getMessage()
              + "); nothing of this request was appended; retry, with the same "
              + IDEMPOTENCY_KEY
              + " if you sent one",
          1);
    }
    ObjectNode json = mapper.createObjectNode().put("stream", stream.name()).put("topic", topic);
    json.put("appended", landed.size());
    ArrayNode placed = json.putArray("records");
    for (int i = 0; i < landed.size(); i++) {
      placed
          .addObject()
          .put("event_id", valid.get(i).eventId())
          .put("partition", landed.get(i).partition())
          .put("offset", landed.get(i).offset());
    }
    return new CommandAnswer(202, json.toString(), 0);
  }

  private CommandAnswer error(int status, String message, int retryAfterSeconds) {
    return new CommandAnswer(
        status, mapper.createObjectNode().put("error", message).toString(), retryAfterSeconds);
  }

  private static void reply(Context ctx, CommandAnswer answer) {
    if (answer.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Integer.toString(answer.retryAfterSeconds()));
    }
    ctx.status(answer.status()).contentType("application/json").result(answer.json());
  }

  private static String fingerprint(String stream, boolean batch, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(
          (stream + (batch ? "\nndjson\n" : "\njson\n")).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static List<byte[]> lines(byte[] body) {
    List<byte[]> lines = new ArrayList<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    return lines;
  }
}
