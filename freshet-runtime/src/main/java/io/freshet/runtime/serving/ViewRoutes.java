package io.freshet.runtime.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.freshet.pipelines.plugin.ApiRole;
import io.freshet.runtime.http.HttpRoutes;
import io.freshet.serving.BadQueryException;
import io.freshet.serving.ServingStore;
import io.freshet.serving.SqlConsole;
import io.freshet.serving.ViewQuery;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving store over HTTP, as JSON: {@code GET /api/views/{view}} pages through a view and
 * {@code POST /api/sql} runs one read-only SQL query given as the request body.
 */
public final class ViewRoutes implements HttpRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ViewRoutes.class);
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final Supplier<ServingStore> store;

  /**
   * @param store the open store; null while it is not open yet (the HTTP server starts before the
   *     store), which answers 503
   */
  public ViewRoutes(Supplier<ServingStore> store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @OpenApi(
      path = "/api/views/{view}",
      summary = "Rows of a serving view, filtered by its columns' query parameters",
      tags = "serving",
      pathParams = @OpenApiParam(name = "view", required = true, description = "A serving table"),
      responses = {
        @OpenApiResponse(status = "200", description = "The rows"),
        @OpenApiResponse(status = "400", description = "An unknown column or a bad value"),
        @OpenApiResponse(status = "404", description = "No such view"),
        @OpenApiResponse(status = "503", description = "The store is not open")
      })
  @OpenApi(
      path = "/api/sql",
      methods = HttpMethod.POST,
      summary = "One read-only SQL query over the serving store (an admin action)",
      tags = "serving",
      security = @OpenApiSecurity(name = "BearerAuth"),
      responses = {
        @OpenApiResponse(status = "200", description = "Columns and rows"),
        @OpenApiResponse(status = "400", description = "Not a read-only query, or invalid"),
        @OpenApiResponse(status = "401", description = "No or a wrong bearer token")
      })
  @Override
  public void register(Javalin app) {
    app.get(
        "/api/views/{view}",
        ctx ->
            answer(
                ctx,
                s ->
                    MAPPER.writeValueAsString(
                        new ViewQuery(s)
                            .query(ctx.pathParam("view"), ctx.queryParamMap())
                            .toJson())));
    // An admin action: a query can read every table and load the store.
    app.post(
        "/api/sql",
        ctx -> answer(ctx, s -> new SqlConsole(s).query(ctx.body()).toJson()),
        ApiRole.WRITE);
  }

  @FunctionalInterface
  private interface Query {
    String run(ServingStore store) throws BadQueryException, SQLException, JsonProcessingException;
  }

  private void answer(Context ctx, Query query) throws JsonProcessingException {
    ServingStore current = store.get();
    int status;
    String body;
    if (current == null) {
      status = 503;
      body = error("the serving store is not open yet");
    } else {
      try {
        body = query.run(current);
        status = 200;
      } catch (BadQueryException e) {
        status = 400;
        body = error(e.getMessage());
      } catch (SQLException e) {
        // Not the client's fault (a broken connection, a timeout): logged here, reported as 500.
        LOG.warn("Serving store query failed", e);
        status = 500;
        body = error("the serving store failed: " + e.getMessage());
      }
    }
    ctx.status(status).contentType("application/json").result(body);
  }

  private static String error(String message) throws JsonProcessingException {
    return MAPPER.writeValueAsString(Map.of("error", String.valueOf(message)));
  }
}
