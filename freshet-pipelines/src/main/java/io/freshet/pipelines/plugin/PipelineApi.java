package io.freshet.pipelines.plugin;

import io.javalin.Javalin;

/**
 * HTTP endpoints a pipeline serves on Freshet's one HTTP server, with the clients they hold open.
 * Routes that write declare {@link ApiRole#WRITE} so the platform asks for the API token.
 */
public interface PipelineApi extends AutoCloseable {
  /** Adds the routes to {@code app}. */
  void register(Javalin app);

  /** Closes the clients behind the routes; a closed API answers 503. */
  @Override
  void close();
}
