package io.freshet.runtime.http;

import io.javalin.http.Context;
import java.util.Map;

/**
 * The headers every response carries: scripts, styles and connections only from this server (no
 * inline script can run, so injected markup cannot act), no MIME sniffing, no framing, no referrer.
 */
final class SecurityHeaders {
  /** Header name to value. */
  static final Map<String, String> HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
              + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
              + " form-action 'self'",
          "X-Content-Type-Options",
          "nosniff",
          "X-Frame-Options",
          "DENY",
          "Referrer-Policy",
          "no-referrer");

  private SecurityHeaders() {}

  static void add(Context ctx) {
    HEADERS.forEach(ctx::header);
  }
}
