package io.freshet.runtime.deadletter;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterHeader;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.time.Timestamps;
import java.util.List;

/** Dead-letter entries for tests, varied one field at a time. */
final class DeadLetters {
  static final long FAILED_AT = Timestamps.parse("2026-11-26T12:00:00.000Z");
  static final String VALUE =
      "{\"event_id\":\"evt-txn-1\",\"payload\":{\"transaction_id\":\"txn-1\",\"amount\":\"abc\"}}";

  private DeadLetters() {}

  static DeadLetterEntry entry(long offset, String pipeline, ErrorType type, long failedAt) {
    return new DeadLetterEntry(
        "transactions.dlq", 0, offset, failedAt + 5, letter(pipeline, type, failedAt, VALUE, 0));
  }

  static DeadLetter letter(
      String pipeline, ErrorType type, long failedAt, String value, int replayCount) {
    return new DeadLetter(
        "cust-1",
        DeadLetter.UTF_8,
        value,
        value == null ? null : DeadLetter.UTF_8,
        List.of(new DeadLetterHeader("trace", "t-1", DeadLetter.UTF_8)),
        "transactions",
        2,
        41,
        failedAt - 1000,
        type,
        "payload.amount",
        "payload.amount is the non-numeric string \"abc\"; expected a finite number >= 0",
        null,
        failedAt,
        pipeline,
        "test",
        replayCount);
  }
}
