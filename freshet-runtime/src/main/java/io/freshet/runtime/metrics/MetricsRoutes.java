package io.freshet.runtime.metrics;

import io.freshet.runtime.http.HttpRoutes;
import io.javalin.Javalin;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiResponse;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;

/** {@code GET /metrics}: the whole process's metrics in Prometheus text format. */
public final class MetricsRoutes implements HttpRoutes {
  private final PrometheusRegistry registry;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  public MetricsRoutes(PrometheusRegistry registry) {
    this.registry = registry;
  }

  @OpenApi(
      path = "/metrics",
      summary = "Prometheus metrics of the platform, Kafka and every Flink job",
      tags = "operations",
      responses = @OpenApiResponse(status = "200", description = "Prometheus text format"))
  @Override
  public void register(Javalin app) {
    app.get(
        "/metrics",
        ctx -> {
          ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
          writer.write(body, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
          ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(body.toByteArray());
        });
  }
}
