package io.freshet.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiResponse;
import java.util.List;
import java.util.Optional;

/**
 * Freshet's HTTP API and dashboard on one port: health, the dashboard's static files, plus the
 * routes other components contribute.
 */
public final class HttpServer implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  /** The largest request body accepted (a 413 beyond): a command batch or a decision batch. */
  public static final long MAX_REQUEST_BYTES = 10L * 1024 * 1024;

  private final Javalin app;

  private HttpServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts serving {@code /api/health} and {@code routes} on loopback's {@code port} (0 picks a
   * free one).
   */
  public static HttpServer start(int port, HealthProbe health, List<HttpRoutes> routes) {
    return start(LOOPBACK, port, health, routes, new AccessGuard(Optional.empty()));
  }

  /**
   * Starts serving {@code /api/health} and {@code routes} on loopback's {@code port} (0 picks a
   * free one), with writes guarded by {@code writes}.
   */
  public static HttpServer start(
      int port, HealthProbe health, List<HttpRoutes> routes, AccessGuard writes) {
    return start(LOOPBACK, port, health, routes, writes);
  }

  /**
   * Starts serving {@code /api/health} and {@code routes} on {@code host}'s {@code port} (0 picks a
   * free one), with writes guarded by {@code writes}.
   */
  public static HttpServer start(
      String host, int port, HealthProbe health, List<HttpRoutes> routes, AccessGuard writes) {
    Javalin app =
        Javalin.create(
                config -> {
                  config.showJavalinBanner = false;
                  config.http.maxRequestSize = MAX_REQUEST_BYTES;
                  config.registerPlugin(OpenApiDocument.plugin());
                  // The dashboard's shell, and browser libraries from WebJars: nothing from a CDN.
                  config.staticFiles.add(
                      files -> {
                        files.hostedPath = "/";
                        files.directory = "/freshet-dashboard";
                        files.location = Location.CLASSPATH;
                        files.headers = SecurityHeaders.HEADERS;
                      });
                  config.staticFiles.enableWebjars();
                })
            .before(SecurityHeaders::add)
            .beforeMatched(writes::check)
            .get("/api/health", ctx -> health(ctx, health));
    routes.forEach(r -> r.register(app));
    app.start(host, port);
    return new HttpServer(app);
  }

  @OpenApi(
      path = "/api/health",
      summary = "Health of the broker and of every pipeline's job",
      tags = "operations",
      responses = {
        @OpenApiResponse(status = "200", description = "Everything is up"),
        @OpenApiResponse(status = "503", description = "A component is down or still starting")
      })
  private static void health(Context ctx, HealthProbe health) {
    HealthReport report = health.check();
    ctx.status(HealthReport.allUp(report) ? 200 : 503).json(report);
  }

  /** Starts serving only {@code /api/health}. */
  public static HttpServer start(int port, HealthProbe health) {
    return start(port, health, List.of());
  }

  /** Adds routes to the running server, e.g. a pipeline's API once its job is submitted. */
  public void register(HttpRoutes routes) {
    routes.register(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
