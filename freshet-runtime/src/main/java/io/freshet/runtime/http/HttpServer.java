package io.freshet.runtime.http;

import io.javalin.Javalin;

/** Freshet's HTTP API on one port: health now, metrics and dashboard later. */
public final class HttpServer implements AutoCloseable {
  private final Javalin app;

  private HttpServer(Javalin app) {
    this.app = app;
  }

  /** Starts serving on {@code port} (0 picks a free one). */
  public static HttpServer start(int port, HealthProbe health) {
    Javalin app =
        Javalin.create(config -> config.showJavalinBanner = false)
            .get(
                "/api/health",
                ctx -> {
                  HealthReport report = health.check();
                  ctx.status(HealthReport.allUp(report) ? 200 : 503).json(report);
                });
    app.start(port);
    return new HttpServer(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
