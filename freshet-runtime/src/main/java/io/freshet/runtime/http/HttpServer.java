package io.freshet.runtime.http;

import io.javalin.Javalin;
import java.util.List;

/** Freshet's HTTP API on one port: health, plus the routes other components contribute. */
public final class HttpServer implements AutoCloseable {
  private final Javalin app;

  private HttpServer(Javalin app) {
    this.app = app;
  }

  /** Starts serving {@code /api/health} and {@code routes} on {@code port} (0 picks a free one). */
  public static HttpServer start(int port, HealthProbe health, List<HttpRoutes> routes) {
    Javalin app =
        Javalin.create(config -> config.showJavalinBanner = false)
            .get(
                "/api/health",
                ctx -> {
                  HealthReport report = health.check();
                  ctx.status(HealthReport.allUp(report) ? 200 : 503).json(report);
                });
    routes.forEach(r -> r.register(app));
    app.start(port);
    return new HttpServer(app);
  }

  /** Starts serving only {@code /api/health}. */
  public static HttpServer start(int port, HealthProbe health) {
    return start(port, health, List.of());
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
