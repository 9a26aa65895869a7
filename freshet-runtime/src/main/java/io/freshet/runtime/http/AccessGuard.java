package io.freshet.runtime.http;

import io.freshet.pipelines.plugin.ApiRole;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Lets a request through only with the token it needs: a route declared {@link ApiRole#WRITE}
 * (commands, replays, SQL) always needs {@code Authorization: Bearer <token>}; reads (the API, the
 * metrics, the dashboard's socket) need it too when the server listens beyond loopback. Without a
 * configured token every write is refused. Health, the pages and their scripts stay open.
 */
public final class AccessGuard {
  private static final String BEARER = "Bearer ";

  /** The query parameter that carries the token on the WebSocket, where browsers send no header. */
  public static final String SOCKET_TOKEN = "token";

  private final Optional<byte[]> token;
  private final boolean readsNeedToken;

  /** Guards writes only: the server listens on loopback. */
  public AccessGuard(Optional<String> token) {
    this(token, false);
  }

  /**
   * @param token the token, empty to refuse every write
   * @param readsNeedToken whether reads need it too
   */
  public AccessGuard(Optional<String> token, boolean readsNeedToken) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.readsNeedToken = readsNeedToken;
  }

  /** The guard for a server listening on {@code host}: reads are open on loopback only. */
  public static AccessGuard forHost(String host, Optional<String> token) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    return new AccessGuard(token, !loopback);
  }

  /** Throws the 401 or 403 for a request without the token it needs; does nothing otherwise. */
  public void check(Context ctx) {
    boolean write = ctx.routeRoles().contains(ApiRole.WRITE);
    if (!write && !(readsNeedToken && guardedRead(ctx.path()))) {
      return;
    }
    if (token.isEmpty()) {
      throw new ForbiddenResponse(
          "writes are disabled: start freshet run with --api-token (or FRESHET_API_TOKEN)");
    }
    String header = ctx.header("Authorization");
    if (header == null
        || !header.startsWith(BEARER)
        || !matches(header.substring(BEARER.length()))) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new UnauthorizedResponse(
          write
              ? "this write needs the header 'Authorization: Bearer <the --api-token>'"
              : "this Freshet listens beyond loopback: reads need 'Authorization: Bearer <the"
                  + " --api-token>' too");
    }
  }

  /** Whether the dashboard's socket may open: always on loopback, else with the token. */
  public boolean allowsSocket(Context ctx) {
    if (!readsNeedToken) {
      return true;
    }
    String given = ctx.queryParam(SOCKET_TOKEN);
    return token.isPresent() && given != null && matches(given);
  }

  /** Whether reads need the token. */
  public boolean readsNeedToken() {
    return readsNeedToken;
  }

  private boolean matches(String given) {
    // Constant time, so the token cannot be guessed byte by byte from response times.
    return MessageDigest.isEqual(given.trim().getBytes(StandardCharsets.UTF_8), token.get());
  }

  private static boolean guardedRead(String path) {
    return (path.startsWith("/api/") && !path.equals("/api/health")) || path.equals("/metrics");
  }
}
