package io.freshet.runtime.status;

import io.freshet.runtime.http.HttpRoutes;
import io.javalin.Javalin;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiResponse;

/**
 * {@code GET /api/status}: pipelines, throughput, lag, checkpoints (failed apart from declined at
 * start), watermark lag, dead letters, latency against the SLA and backpressure.
 */
public final class StatusRoutes implements HttpRoutes {
  private final StatusService status;

  public StatusRoutes(StatusService status) {
    this.status = status;
  }

  @OpenApi(
      path = "/api/status",
      summary = "Every pipeline's state, rates, lag, checkpoints, watermark lag and dead letters",
      tags = "operations",
      responses = @OpenApiResponse(status = "200", description = "The status"))
  @Override
  public void register(Javalin app) {
    app.get("/api/status", ctx -> ctx.json(status.status()));
  }
}
