package io.freshet.pipelines.plugin;

import io.javalin.security.RouteRole;

/**
 * What an HTTP route does, so the platform can guard it: a {@link #WRITE} (appending events,
 * commands, replays, SQL and other admin actions) needs the bearer token given with {@code
 * --api-token}; a read does not.
 */
public enum ApiRole implements RouteRole {
  READ,
  WRITE
}
