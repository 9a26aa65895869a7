package io.freshet.runtime.http;

import io.freshet.pipelines.plugin.ApiRole;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Lets a request reach a route declared {@link ApiRole#WRITE} only with {@code Authorization:
 * Bearer <token>} naming the token given with {@code --api-token}; without a configured token every
 * write is refused.
 */
public final class WriteGuard {
  private static final String BEARER = "Bearer ";

  private final Optional<byte[]> token;

  public WriteGuard(Optional<String> token) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  /** Throws the 401 or 403 for a write without the right token; does nothing otherwise. */
  public void check(Context ctx) {
    if (!ctx.routeRoles().contains(ApiRole.WRITE)) {
      return;
    }
    if (token.isEmpty()) {
      throw new ForbiddenResponse(
          "writes are disabled: start freshet run with --api-token (or FRESHET_API_TOKEN)");
    }
    String header = ctx.header("Authorization");
    boolean valid =
        header != null
            && header.startsWith(BEARER)
            // Constant time, so the token cannot be guessed byte by byte from response times.
            && MessageDigest.isEqual(
                header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8),
                token.get());
    if (!valid) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new UnauthorizedResponse(
          "this write needs the header 'Authorization: Bearer <the --api-token>'");
    }
  }
}
