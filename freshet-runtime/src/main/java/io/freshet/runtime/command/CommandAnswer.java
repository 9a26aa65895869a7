package io.freshet.runtime.command;

import java.util.Objects;

/**
 * The answer to one command request: its status, its JSON body and, for a 503, when to retry.
 *
 * @param status the HTTP status
 * @param json the body
 * @param retryAfterSeconds the Retry-After of a 503, else 0
 */
record CommandAnswer(int status, String json, int retryAfterSeconds) {
  CommandAnswer {
    Objects.requireNonNull(json, "json");
  }

  /** An answer a retry may change, so it is not remembered under an idempotency key. */
  boolean retryable() {
    return status == 503;
  }
}
