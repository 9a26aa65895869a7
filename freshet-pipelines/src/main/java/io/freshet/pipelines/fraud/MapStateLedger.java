package io.freshet.pipelines.fraud;

import io.freshet.core.fraud.AmountLedger;
import io.freshet.core.fraud.LedgerEntry;
import org.apache.flink.api.common.state.MapState;

/**
 * The current customer's {@link AmountLedger} in keyed {@code MapState}: point reads, writes and
 * removals only, so it works the same on every backend (the heap backend's MapState iterates in no
 * particular order; nothing here iterates).
 */
final class MapStateLedger implements AmountLedger {
  private final MapState<Long, LedgerEntry> state;

  MapStateLedger(MapState<Long, LedgerEntry> state) {
    this.state = state;
  }

  @Override
  public LedgerEntry get(long eventTime) {
    try {
      return state.get(eventTime);
    } catch (Exception e) {
      throw new StateAccessException(e);
    }
  }

  @Override
  public void put(long eventTime, LedgerEntry entry) {
    try {
      state.put(eventTime, entry);
    } catch (Exception e) {
      throw new StateAccessException(e);
    }
  }

  @Override
  public void remove(long eventTime) {
    try {
      state.remove(eventTime);
    } catch (Exception e) {
      throw new StateAccessException(e);
    }
  }

  /** A state backend failure: it must fail the task, not dead-letter one transaction. */
  static final class StateAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StateAccessException(Exception cause) {
      super(cause);
    }
  }
}
