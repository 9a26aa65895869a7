package io.freshet.runtime.deadletter;

/** Turns a dead letter's original value into the value to replay, e.g. by running a script. */
@FunctionalInterface
public interface ValueFix {
  /** Replays the original bytes unchanged. */
  ValueFix NONE = (entry, value) -> value;

  /**
   * The value to send instead of {@code value}.
   *
   * @param entry the dead letter being replayed
   * @param value its exact original value bytes, or null for a tombstone
   * @throws FixFailedException when this record cannot be fixed; it is skipped, the others go on
   */
  byte[] apply(DeadLetterEntry entry, byte[] value) throws FixFailedException, InterruptedException;
}
