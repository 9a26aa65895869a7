package io.freshet.runtime.web;

import io.freshet.pipelines.plugin.DashboardPage;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.runtime.http.AccessGuard;
import io.freshet.runtime.http.HttpRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live dashboard's endpoints: {@code GET /api/dashboard} (the pages the running pipelines
 * declare, and links), their scripts under {@code /pages/}, and the {@code /ws/live} socket the
 * {@link LiveHub} pushes frames to. The page shell itself is a static resource ({@code
 * freshet-dashboard/index.html}).
 */
public final class DashboardRoutes implements HttpRoutes {
  /** The socket's path. */
  public static final String SOCKET_PATH = "/ws/live";

  private static final String SCRIPTS = "/pages/";

  private final List<FreshetPipeline> pipelines;
  private final LiveHub hub;
  private final Supplier<Optional<URI>> flinkUi;
  private final AccessGuard guard;

  /**
   * @param pipelines the running pipelines, whose declared pages are served
   * @param flinkUi the address of Flink's web UI once the cluster runs
   * @param guard whether the socket needs the token
   */
  public DashboardRoutes(
      List<FreshetPipeline> pipelines,
      LiveHub hub,
      Supplier<Optional<URI>> flinkUi,
      AccessGuard guard) {
    this.pipelines = List.copyOf(pipelines);
    this.hub = hub;
    this.flinkUi = flinkUi;
    this.guard = guard;
  }

  @OpenApi(
      path = "/api/dashboard",
      summary = "The dashboard's pages and links",
      tags = "dashboard",
      responses =
          @OpenApiResponse(status = "200", description = "Pages with their scripts and feeds"))
  @OpenApi(
      path = "/ws/live",
      summary = "The dashboard's WebSocket: a frame of feed records and the status every 250 ms",
      tags = "dashboard",
      responses = @OpenApiResponse(status = "101", description = "Upgraded to a WebSocket"))
  @Override
  public void register(Javalin app) {
    app.get("/api/dashboard", this::describe);
    app.get(SCRIPTS + "<script>", this::script);
    app.wsBeforeUpgrade(
        SOCKET_PATH,
        ctx -> {
          sameOrigin(ctx);
          if (!guard.allowsSocket(ctx)) {
            throw new UnauthorizedResponse(
                "this Freshet listens beyond loopback: the live socket needs ?"
                    + AccessGuard.SOCKET_TOKEN
                    + "=<the API token>");
          }
        });
    app.ws(
        SOCKET_PATH,
        ws -> {
          ws.onConnect(hub::opened);
          ws.onClose(hub::closed);
          ws.onError(hub::closed);
        });
  }

  private void describe(Context ctx) {
    List<Map<String, Object>> pages =
        pipelines.stream()
            .filter(p -> p.dashboard().isPresent())
            .map(
                p -> {
                  DashboardPage page = p.dashboard().get();
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("id", p.name());
                  entry.put("title", page.title());
                  entry.put("script", SCRIPTS + page.script());
                  entry.put("feeds", page.feeds().stream().map(TopicDescriptor::name).toList());
                  return entry;
                })
            .toList();
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("metrics", "/metrics");
    flinkUi.get().ifPresent(uri -> links.put("flink", uri.toString()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pages", pages);
    body.put("links", links);
    body.put("batch_interval_ms", LiveHub.BATCH_INTERVAL.toMillis());
    ctx.json(body);
  }

  /** Serves a script only if a running pipeline declares it, from that pipeline's class loader. */
  private void script(Context ctx) {
    String script = ctx.pathParam("script");
    FreshetPipeline owner =
        pipelines.stream()
            .filter(p -> p.dashboard().map(d -> d.script().equals(script)).orElse(false))
            .findFirst()
            .orElseThrow(() -> new NotFoundResponse("no page script " + script));
    InputStream in =
        owner.getClass().getClassLoader().getResourceAsStream("dashboard/pages/" + script);
    if (in == null) {
      throw new NotFoundResponse(owner.name() + " declares " + script + " but does not ship it");
    }
    try (in) {
      ctx.contentType("text/javascript; charset=utf-8").result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Refuses a socket opened by a page of another site: browsers send cookies and reach loopback for
   * any page, so without this any web page could read the live results (cross-site WebSocket
   * hijacking). Clients that are not browsers send no Origin.
   */
  static void sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return;
    }
    String authority;
    try {
      authority = URI.create(origin).getRawAuthority();
    } catch (IllegalArgumentException e) {
      throw new ForbiddenResponse("malformed Origin header");
    }
    if (authority == null || !authority.equalsIgnoreCase(ctx.host())) {
      throw new ForbiddenResponse("the live socket serves only pages of this server");
    }
  }
}
