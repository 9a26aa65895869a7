package io.freshet.runtime.topics;

import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.runtime.http.HttpRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

/**
 * The Topics page's reads over HTTP, as JSON: {@code GET /api/topics} (every topic with offsets,
 * retention and rate), {@code GET /api/topics/{topic}/messages} (a browse, see {@link
 * MessageQuery#parse}) and {@code GET /api/consumer-groups} (lag per partition). Reads only, so no
 * route needs a role. A bad query answers 400, an unknown topic 404, and Kafka not started or not
 * answering within the timeout 503.
 */
public final class TopicRoutes implements HttpRoutes {
  /** How long one request may wait for Kafka by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Supplier<KafkaConnection> kafka;
  private final Supplier<Admin> admin;
  private final Duration timeout;
  private final int scanLimit;
  // Rates come from the previous request's sample: nothing runs while no one looks.
  private final TopicRates rates = new TopicRates(System::nanoTime);

  /**
   * Routes with the default timeout and scan limit.
   *
   * @param kafka the cluster; null while it is not known yet (the HTTP server starts before the
   *     broker), which answers 503
   * @param admin an Admin client of that cluster, owned by the caller; null while there is none
   */
  public TopicRoutes(Supplier<KafkaConnection> kafka, Supplier<Admin> admin) {
    this(kafka, admin, DEFAULT_TIMEOUT, TopicBrowser.DEFAULT_SCAN_LIMIT);
  }

  /**
   * @param timeout how long one request may wait for Kafka
   * @param scanLimit the most records one browse examines
   */
  public TopicRoutes(
      Supplier<KafkaConnection> kafka, Supplier<Admin> admin, Duration timeout, int scanLimit) {
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.admin = Objects.requireNonNull(admin, "admin");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.scanLimit = scanLimit;
  }

  @OpenApi(
      path = "/api/topics",
      summary = "Every topic with its partitions' offsets, retention and records per second",
      tags = "topics",
      responses = {
        @OpenApiResponse(status = "200", description = "The topics, by name"),
        @OpenApiResponse(status = "503", description = "Kafka is not started or not answering")
      })
  @OpenApi(
      path = "/api/topics/{topic}/messages",
      summary =
          "A topic's messages from an offset or a time, filtered while scanning a bounded range",
      tags = "topics",
      pathParams = @OpenApiParam(name = "topic", required = true),
      queryParams = {
        @OpenApiParam(name = "partition", description = "One partition; all when left out"),
        @OpenApiParam(
            name = "offset",
            description = "A number, earliest (the default), latest, or partition:offset,..."),
        @OpenApiParam(name = "timestamp", description = "ISO-8601 or epoch ms; not with offset"),
        @OpenApiParam(name = "limit", description = "1 to 500, 50 when left out"),
        @OpenApiParam(name = "key", description = "The exact key"),
        @OpenApiParam(name = "header", description = "name or name:value"),
        @OpenApiParam(name = "field", description = "json.path or json.path:value"),
        @OpenApiParam(
            name = "isolation",
            description = "read_committed (default) or read_uncommitted")
      },
      responses = {
        @OpenApiResponse(status = "200", description = "The messages and where to go on from"),
        @OpenApiResponse(status = "400", description = "A bad parameter or partition"),
        @OpenApiResponse(status = "404", description = "No such topic"),
        @OpenApiResponse(status = "503", description = "Kafka is not started or not answering")
      })
  @OpenApi(
      path = "/api/consumer-groups",
      summary = "Every consumer group's state and, per partition, committed offset, end and lag",
      tags = "topics",
      responses = {
        @OpenApiResponse(status = "200", description = "The groups, by id"),
        @OpenApiResponse(status = "503", description = "Kafka is not started or not answering")
      })
  @Override
  public void register(Javalin app) {
    app.get("/api/topics", ctx -> answer(ctx, browser -> TopicJson.topics(topics(browser))));
    app.get(
        "/api/topics/{topic}/messages",
        ctx -> {
          // Parsed before Kafka is asked, so a bad query is refused even while Kafka is down.
          MessageQuery query;
          try {
            query = MessageQuery.parse(ctx.pathParam("topic"), ctx.queryParamMap());
          } catch (IllegalArgumentException e) {
            reply(ctx, 400, TopicJson.error(e.getMessage()));
            return;
          }
          answer(ctx, browser -> TopicJson.messages(browser.messages(query)));
        });
    app.get(
        "/api/consumer-groups",
        ctx -> answer(ctx, browser -> TopicJson.groups(browser.consumerGroups())));
  }

  private TopicsReport topics(TopicBrowser browser) throws InterruptedException {
    List<TopicInfo> topics = browser.topics();
    Map<String, Long> ends = new HashMap<>();
    topics.forEach(t -> ends.put(t.name(), t.endOffsetSum()));
    TopicRates.Rates sampled = rates.sample(ends);
    return new TopicsReport(topics, sampled.perSecond(), sampled.windowMs());
  }

  @FunctionalInterface
  private interface Read {
    String run(TopicBrowser browser) throws InterruptedException;
  }

  private void answer(Context ctx, Read read) {
    int status = 200;
    String json;
    try {
      KafkaConnection cluster = kafka.get();
      Admin client = admin.get();
      if (cluster == null || client == null) {
        status = 503;
        json = TopicJson.error("Kafka is not started yet");
      } else {
        json = read.run(new TopicBrowser(client, cluster, timeout, scanLimit));
      }
    } catch (IllegalArgumentException e) {
      status = 400;
      json = TopicJson.error(e.getMessage());
    } catch (UnknownTopicException e) {
      status = 404;
      json = TopicJson.error(e.getMessage());
    } catch (KafkaException e) {
      status = 503;
      json =
          TopicJson.error(
              "cannot use Kafka at " + kafka.get().bootstrapServers() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 503;
      json = TopicJson.error("interrupted");
    }
    reply(ctx, status, json);
  }

  private static void reply(Context ctx, int status, String json) {
    ctx.status(status).contentType("application/json").result(json);
  }
}
