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

  /** One API serving the routes of both, closing both. */
  static PipelineApi both(PipelineApi first, PipelineApi second) {
    return new PipelineApi() {
      @Override
      public void register(Javalin app) {
        first.register(app);
        second.register(app);
      }

      @Override
      public void close() {
        try {
          first.close();
        } finally {
          second.close();
        }
      }
    };
  }
}
