package io.freshet.runtime.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers the answer given to each {@code Idempotency-Key}, with a fingerprint of the request it
 * answered, so that a retried request gets the original answer and a different request under the
 * same key is refused; the most recent keys are kept, up to a capacity, in memory.
 */
final class IdempotencyKeys {
  private final Map<String, Claim> claims;

  IdempotencyKeys(int capacity) {
    this.claims =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Claim> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The request a key was first used for, and the answer it got (or will get). */
  record Claim(String fingerprint, CompletableFuture<CommandAnswer> answer, boolean owner) {}

  /**
   * Claims {@code key} for a request with {@code fingerprint}: a fresh claim the caller must {@link
   * #settle}, or the earlier claim of the key (whose fingerprint may differ).
   */
  synchronized Claim claim(String key, String fingerprint) {
    Claim earlier = claims.get(key);
    if (earlier != null) {
      return new Claim(earlier.fingerprint(), earlier.answer(), false);
    }
    Claim fresh = new Claim(fingerprint, new CompletableFuture<>(), true);
    claims.put(key, fresh);
    return fresh;
  }

  /**
   * Records the answer of an owned claim. An answer that may change on retry (the broker was
   * unavailable) is not kept, so that the retry is tried again.
   */
  synchronized void settle(String key, Claim claim, CommandAnswer answer) {
    if (answer.retryable()) {
      claims.remove(key);
    }
    claim.answer().complete(answer);
  }
}
