package io.freshet.runtime.http;

import io.javalin.Javalin;

/** A group of HTTP endpoints a component contributes to Freshet's single HTTP server. */
@FunctionalInterface
public interface HttpRoutes {
  void register(Javalin app);
}
